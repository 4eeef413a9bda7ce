package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The blob store as workflows see it (docs/blob-store.md): files the workflow makes itself go in here, and each
 * owner says which blobs its state still refers to, so that the sweeper keeps them.
 */
@ActivityInterface
public interface BlobActivities {
  /** Stores each file's content; returns the references, in order. */
  @ActivityMethod
  List<FileRef> storeFiles(List<OutputFile> files);

  /** The blobs the owner's state refers to now, replacing what it retained before. */
  @ActivityMethod
  void retain(String ownerWorkflowId, List<String> sha256s);

  /** The owner is gone: nothing it retained is kept for it any more. */
  @ActivityMethod
  void release(String ownerWorkflowId);
}

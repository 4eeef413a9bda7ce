package dev.kratixtemporal.activities.blobs;

import dev.kratixtemporal.activity.BlobActivities;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The blob store's activities: files a workflow makes itself, and each owner's roots. */
public class BlobStoreActivities implements BlobActivities {
  private final BlobStore store;

  public BlobStoreActivities(BlobStore store) {
    this.store = store;
  }

  @Override
  public List<FileRef> storeFiles(List<OutputFile> files) {
    return files.stream().map(f -> ref(store, f.path(), f.content().getBytes(StandardCharsets.UTF_8))).toList();
  }

  /** Puts the bytes and returns the reference to them at this path. */
  public static FileRef ref(BlobStore store, String path, byte[] content) {
    return new FileRef(path, store.put(content), content.length);
  }

  @Override
  public void retain(String ownerWorkflowId, List<String> sha256s) {
    store.retain(ownerWorkflowId, sha256s);
  }

  @Override
  public void release(String ownerWorkflowId) {
    store.release(ownerWorkflowId);
  }
}

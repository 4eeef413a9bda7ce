package dev.kratixtemporal.activities.blobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Content-addressed storage for pipeline outputs (docs/blob-store.md): a blob's address is the sha256 of its
 * bytes, so workflows carry the address and never the bytes. Beside the blobs, each owner (a workflow) keeps the
 * list of blobs its state refers to: its roots, which the {@link BlobSweeper} never deletes.
 */
public interface BlobStore {
  /** Stores the bytes (again, when they are there already: that makes the blob young) and returns their sha256. */
  String put(byte[] content);

  /**
   * The blob's bytes.
   *
   * @throws BlobMissingException when there is no such blob
   * @throws CorruptBlobException when the bytes stored there no longer hash to their address
   */
  byte[] get(String sha256);

  boolean exists(String sha256);

  /** Every blob, with the time it was last put. */
  List<Blob> list();

  void delete(String sha256);

  /** Replaces the owner's roots with these blobs. */
  void retain(String owner, Collection<String> sha256s);

  /** Forgets the owner's roots. */
  void release(String owner);

  /** Every blob some owner lists. */
  Set<String> roots();

  record Blob(String sha256, Instant modified) {}
}

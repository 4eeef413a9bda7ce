package dev.kratixtemporal.activities.blobs;

/** A blob a reference names is not in the store (swept, or never written). */
public class BlobMissingException extends RuntimeException {
  public BlobMissingException(String sha256) {
    super("blob " + sha256 + " is missing from the blob store");
  }
}

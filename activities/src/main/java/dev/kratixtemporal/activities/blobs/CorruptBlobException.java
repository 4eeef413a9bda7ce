package dev.kratixtemporal.activities.blobs;

/** A stored blob whose bytes no longer hash to its address. */
public class CorruptBlobException extends RuntimeException {
  public CorruptBlobException(String sha256, String actual) {
    super("blob " + sha256 + " is corrupt: its content hashes to " + actual);
  }
}

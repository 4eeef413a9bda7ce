package dev.kratixtemporal.activities.blobs;

import dev.kratixtemporal.model.FileRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** A real folder blob store in a temporary folder, and reading a reference back, for tests of its users. */
public final class TestBlobs {
  private TestBlobs() {}

  public static FolderBlobStore temporary() {
    try {
      return new FolderBlobStore(Files.createTempDirectory("kratix-test-blobs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(BlobStore store, FileRef ref) {
    return new String(store.get(ref.sha256()), StandardCharsets.UTF_8);
  }
}

package dev.kratixtemporal.api.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The marketplace samples, read in place from ../shared/kratix-samples (never copied into the project). */
final class Samples {
  private Samples() {}

  static Path dir() {
    String env = System.getenv("KRATIX_SAMPLES");
    Path dir = env != null ? Path.of(env) : Path.of("../../shared/kratix-samples");
    assumeTrue(Files.isDirectory(dir), "skipped: the Kratix samples are not at " + dir.toAbsolutePath()
        + " (CI has ../shared beside the clone; set KRATIX_SAMPLES to point elsewhere)");
    return dir;
  }

  static String read(String relative) {
    try {
      return Files.readString(dir().resolve(relative));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

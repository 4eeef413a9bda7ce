package dev.kratixtemporal.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place tests find the upstream Kratix samples, read in place, never copied into the project:
 * $KRATIX_SAMPLES, else {@code shared/kratix-samples} beside the clone. Shared by the modules through the workflows
 * test-jar.
 *
 * <p>When they are missing a developer's run skips the test, saying where it looked; a CI run (environment variable
 * CI=true, set by .ci/run) fails it instead, so that a broken CI machine cannot pass by skipping.
 */
public final class KratixSamples {
  private KratixSamples() {}

  /** The samples folder; skips or fails the calling test when it is missing. */
  public static Path dir() {
    Path dir = location();
    requirePresent(dir, Files.isDirectory(dir), isCi());
    return dir;
  }

  /** A file of the samples, e.g. {@code redis/promise.yaml}; skips or fails the calling test when it is missing. */
  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    requirePresent(file, Files.isRegularFile(file), isCi());
    return file;
  }

  public static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a sample file. */
  public static List<ObjectNode> docs(String relative) {
    return KratixYaml.parseAll(read(relative));
  }

  /**
   * Where the samples are looked for: $KRATIX_SAMPLES, else shared/kratix-samples in the folder holding the clone
   * (tests run in a module's folder, one below the clone's root).
   */
  static Path location() {
    String env = System.getenv("KRATIX_SAMPLES");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of("..", "..", "shared", "kratix-samples");
  }

  static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (a developer without the samples) or, on CI, fails, naming where it looked. */
  static void requirePresent(Path where, boolean present, boolean ci) {
    if (present) return;
    String message = "the Kratix samples are not at " + where.toAbsolutePath().normalize()
        + " (mvn -Dkratix.samples=/path or KRATIX_SAMPLES point elsewhere; the default is shared/kratix-samples beside the clone)";
    if (ci) fail("CI=true, so the samples must be there: " + message);
    abort("skipped: " + message);
  }
}

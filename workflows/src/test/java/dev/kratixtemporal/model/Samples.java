package dev.kratixtemporal.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the real Kratix Promise samples: $KRATIX_SAMPLES, else ../../shared/kratix-samples from the module dir. */
final class Samples {
  private Samples() {}

  static Path dir() {
    String env = System.getenv("KRATIX_SAMPLES");
    Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared", "kratix-samples");
    assumeTrue(Files.isDirectory(dir),
        "Kratix samples not found at " + dir.toAbsolutePath() + "; set KRATIX_SAMPLES to run these tests");
    return dir;
  }

  static List<ObjectNode> docs(String relative) {
    Path file = dir().resolve(relative);
    assumeTrue(Files.isRegularFile(file), "sample file missing: " + file.toAbsolutePath());
    try {
      return KratixYaml.parseAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> promiseDocs(String relative) {
    return docs(relative).stream().filter(d -> "Promise".equals(Docs.kind(d))).toList();
  }

  static Promise promise(String relative) {
    List<ObjectNode> promises = promiseDocs(relative);
    if (promises.size() != 1) throw new AssertionError(relative + ": expected one Promise, found " + promises.size());
    return Promise.parse(promises.get(0));
  }
}

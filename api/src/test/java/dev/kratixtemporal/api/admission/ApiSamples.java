package dev.kratixtemporal.api.admission;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the openAPIV3Schema of a real sample Promise: $KRATIX_SAMPLES, else ../../shared/kratix-samples. */
final class ApiSamples {
  private ApiSamples() {}

  static ObjectNode schema(String relative) {
    String env = System.getenv("KRATIX_SAMPLES");
    Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared", "kratix-samples");
    Path file = dir.resolve(relative);
    assumeTrue(Files.isRegularFile(file),
        "Kratix sample " + file.toAbsolutePath() + " not found; set KRATIX_SAMPLES to run these tests");
    try {
      ObjectNode doc = KratixYaml.parseAll(Files.readString(file)).stream()
          .filter(d -> "Promise".equals(Docs.kind(d))).findFirst()
          .orElseThrow(() -> new AssertionError("no Promise in " + file));
      return Promise.parse(doc).api().schema();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode redis() {
    return schema("redis/promise.yaml");
  }

  static ObjectNode namespace() {
    return schema("namespace/promise.yaml");
  }

  static ObjectNode yaml(String text) {
    return KratixYaml.parseOne(text);
  }
}

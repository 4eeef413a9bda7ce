package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.testsupport.KratixSamples;

/** The openAPIV3Schema of a real sample Promise, found by {@link KratixSamples}. */
final class ApiSamples {
  private ApiSamples() {}

  static ObjectNode schema(String relative) {
    ObjectNode doc = KratixSamples.docs(relative).stream().filter(d -> "Promise".equals(Docs.kind(d))).findFirst()
        .orElseThrow(() -> new AssertionError("no Promise in " + relative));
    return Promise.parse(doc).api().schema();
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

package dev.kratixtemporal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes v1 Secret as users write it for Kratix stores: {@code data} in base64 and/or {@code stringData} in
 * plain text (which wins, as in Kubernetes). Error messages name keys, never values.
 */
record SecretDocument(SecretRef ref, Map<String, String> data) {

  static boolean is(JsonNode doc) {
    return "Secret".equals(Docs.kind(doc)) && "v1".equals(Docs.apiVersion(doc));
  }

  static SecretDocument parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    String namespace = Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc);
    for (String part : new String[] {namespace, name}) {
      if (!SecretRef.isValidName(part)) {
        throw new InvalidDocumentException("metadata", "'" + part + "' is not a valid Kubernetes name");
      }
    }
    Map<String, String> data = new TreeMap<>();
    doc.path("data").fields().forEachRemaining(e -> {
      try {
        data.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException bad) {
        throw new InvalidDocumentException("data." + e.getKey(), "is not base64");
      }
    });
    doc.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
    if (data.isEmpty()) throw new InvalidDocumentException("data", "a Secret needs data or stringData");
    return new SecretDocument(new SecretRef(namespace, name), data);
  }
}

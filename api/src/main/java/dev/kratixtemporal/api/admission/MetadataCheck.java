package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Iterator;
import java.util.Map;

/** apiVersion, kind and metadata of any document: types, names and labels as Kubernetes requires them. */
final class MetadataCheck {
  private MetadataCheck() {}

  static void check(JsonNode doc) {
    requireText(doc, "kind");
    requireText(doc, "apiVersion");
    JsonNode metadata = doc.get("metadata");
    if (metadata == null || metadata.isNull()) throw new InvalidDocumentException("metadata.name", "is required");
    if (!metadata.isObject()) throw new InvalidDocumentException("metadata", "must be an object");
    requireText(metadata, "name", "metadata.name");
    JsonNode namespace = metadata.get("namespace");
    if (namespace != null && !namespace.isNull()) {
      if (!namespace.isTextual()) throw new InvalidDocumentException("metadata.namespace", "must be a string");
      KubernetesNames.requireLabel("metadata.namespace", namespace.asText());
    }
    labels(metadata.get("labels"), "metadata.labels");
    annotations(metadata.get("annotations"), "metadata.annotations");
  }

  /** A label map: string keys and values, both in Kubernetes' label grammar. */
  static void labels(JsonNode labels, String at) {
    if (labels == null || labels.isNull()) return;
    if (!labels.isObject()) throw new InvalidDocumentException(at, "must be a map of label names to string values");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = at + "." + e.getKey();
      if (!KubernetesNames.isLabelKey(e.getKey())) {
        throw new InvalidDocumentException(field, "is not a valid label name ([prefix/]name, name at most 63 "
            + "characters of letters, digits, '-', '_' and '.')");
      }
      if (!e.getValue().isTextual()) throw new InvalidDocumentException(field, "must be a string (quote it)");
      if (!KubernetesNames.isLabelValue(e.getValue().asText())) {
        throw new InvalidDocumentException(field, "must be a label value (at most 63 letters, digits, '-', '_' "
            + "and '.', starting and ending with a letter or digit), got " + Quoted.of(e.getValue().asText()));
      }
    }
  }

  private static void annotations(JsonNode annotations, String at) {
    if (annotations == null || annotations.isNull()) return;
    if (!annotations.isObject()) throw new InvalidDocumentException(at, "must be a map of strings");
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) throw new InvalidDocumentException(at + "." + e.getKey(), "must be a string");
    }
  }

  static String requireText(JsonNode node, String key) {
    return requireText(node, key, key);
  }

  static String requireText(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
      throw new InvalidDocumentException(field, "is required");
    }
    if (!value.isTextual()) throw new InvalidDocumentException(field, "must be a string");
    return value.asText();
  }

  /** An optional string field; null when absent. */
  static String optionalText(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) return null;
    if (!value.isTextual()) throw new InvalidDocumentException(field, "must be a string");
    return value.asText();
  }

  static void optionalBoolean(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value != null && !value.isNull() && !value.isBoolean()) {
      throw new InvalidDocumentException(field, "must be true or false, got " + value);
    }
  }
}

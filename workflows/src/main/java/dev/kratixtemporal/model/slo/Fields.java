package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks shared by the OpenSLO parsers; every error names the field's path. */
final class Fields {
  static final String API_VERSION = "openslo/v1";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private Fields() {}

  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  static JsonNode object(JsonNode node, String path) {
    if (absent(node)) throw new InvalidDocumentException(path, "is required");
    if (!node.isObject()) throw new InvalidDocumentException(path, "must be an object");
    return node;
  }

  static String text(JsonNode node, String path) {
    if (absent(node) || node.asText("").isEmpty()) throw new InvalidDocumentException(path, "is required");
    if (!node.isTextual()) throw new InvalidDocumentException(path, "must be a string");
    return node.asText();
  }

  /** A name that becomes part of a workflow id: a DNS label, as Kubernetes names are. */
  static String name(JsonNode node, String path) {
    String name = text(node, path);
    if (!DNS_LABEL.matcher(name).matches()) {
      throw new InvalidDocumentException(path,
          "must be at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit, got '" + name + "'");
    }
    return name;
  }

  /**
   * Every field must be one we read, or one OpenSLO defines that we leave aside on purpose (explained in the error).
   */
  static void onlyKnown(JsonNode node, String path, Set<String> read, Map<String, String> unsupported) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      String at = path.isEmpty() ? f : path + "." + f;
      if (unsupported.containsKey(f) && !isEmpty(node.get(f))) {
        throw new InvalidDocumentException(at, "is not supported: " + unsupported.get(f));
      }
      if (!read.contains(f) && !unsupported.containsKey(f)) {
        throw new InvalidDocumentException(at, "unknown field \"" + f + "\"");
      }
    }
  }

  private static boolean isEmpty(JsonNode node) {
    return absent(node) || (node.isContainerNode() && node.isEmpty());
  }

  static void header(JsonNode doc, String kind) {
    if (!API_VERSION.equals(doc.path("apiVersion").asText())) {
      throw new InvalidDocumentException("apiVersion", "must be " + API_VERSION + ", got '" + doc.path("apiVersion").asText() + "'");
    }
    if (!kind.equals(doc.path("kind").asText())) {
      throw new InvalidDocumentException("kind", "must be " + kind + ", got '" + doc.path("kind").asText() + "'");
    }
  }
}

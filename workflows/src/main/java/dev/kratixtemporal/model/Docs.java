package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small accessors for Kubernetes-style documents held as Jackson trees. */
public final class Docs {
  public static final String KRATIX_API_VERSION = "platform.kratix.io/v1alpha1";

  private Docs() {}

  public static String kind(JsonNode doc) {
    return doc.path("kind").asText("");
  }

  public static String apiVersion(JsonNode doc) {
    return doc.path("apiVersion").asText("");
  }

  public static String group(JsonNode doc) {
    String av = apiVersion(doc);
    int slash = av.indexOf('/');
    return slash < 0 ? "" : av.substring(0, slash);
  }

  public static String version(JsonNode doc) {
    String av = apiVersion(doc);
    return av.substring(av.indexOf('/') + 1);
  }

  public static String name(JsonNode doc) {
    return doc.path("metadata").path("name").asText("");
  }

  public static String namespace(JsonNode doc) {
    return doc.path("metadata").path("namespace").asText("");
  }

  public static Map<String, String> labels(JsonNode doc) {
    return stringMap(doc.path("metadata").path("labels"));
  }

  public static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
    return out;
  }

  public static ObjectNode metadata(ObjectNode doc) {
    JsonNode m = doc.get("metadata");
    if (m instanceof ObjectNode o) return o;
    return doc.putObject("metadata");
  }

  public static ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The document without status (the part a user applies). */
  public static ObjectNode withoutStatus(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("status");
    return copy;
  }

  public static ObjectNode spec(JsonNode doc) {
    JsonNode spec = doc.get("spec");
    return spec instanceof ObjectNode o ? o : newObject();
  }

  public static boolean isKratixKind(JsonNode doc) {
    return KRATIX_API_VERSION.equals(apiVersion(doc));
  }
}

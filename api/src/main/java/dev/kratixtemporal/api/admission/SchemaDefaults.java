package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Applies openAPIV3Schema defaults to an object, as the Kubernetes API server does before validation. */
public final class SchemaDefaults {
  private SchemaDefaults() {}

  public static void apply(JsonNode schema, JsonNode node) {
    if (schema == null || node == null) return;
    if (node instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = object.get(e.getKey());
        if (value == null && e.getValue().has("default")) {
          object.set(e.getKey(), e.getValue().get("default").deepCopy());
          value = object.get(e.getKey());
        }
        apply(e.getValue(), value);
      }
    } else if (node instanceof ArrayNode array && schema.has("items")) {
      for (JsonNode item : array) apply(schema.get("items"), item);
    }
  }
}

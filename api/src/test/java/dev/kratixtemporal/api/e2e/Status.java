package dev.kratixtemporal.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads conditions and fields off an object as the API returns it. */
final class Status {
  private Status() {}

  /** The status of a condition ("True", "False", "Unknown"), or "" when absent. */
  static String condition(JsonNode object, String type) {
    return conditionNode(object, type).path("status").asText("");
  }

  static String reason(JsonNode object, String type) {
    return conditionNode(object, type).path("reason").asText("");
  }

  static JsonNode conditionNode(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) return c;
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}

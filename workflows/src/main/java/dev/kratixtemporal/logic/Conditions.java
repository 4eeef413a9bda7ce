package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sets conditions on a status tree the way Kubernetes does: the transition time moves only when the status flips. */
public final class Conditions {
  public static final String CONFIGURE_COMPLETED = "ConfigureWorkflowCompleted";
  public static final String WORKS_SUCCEEDED = "WorksSucceeded";
  public static final String RECONCILED = "Reconciled";
  public static final String AVAILABLE = "Available";
  public static final String PROMISE_AVAILABLE = "PromiseAvailable";
  public static final String READY = "Ready";

  private Conditions() {}

  public static void set(ObjectNode status, String type, String value, String reason, String message, String now) {
    ArrayNode list = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    for (JsonNode c : list) {
      if (type.equals(c.path("type").asText())) {
        ObjectNode o = (ObjectNode) c;
        if (!value.equals(o.path("status").asText())) o.put("lastTransitionTime", now);
        o.put("status", value).put("reason", reason).put("message", message);
        return;
      }
    }
    list.addObject().put("type", type).put("status", value).put("reason", reason).put("message", message)
        .put("lastTransitionTime", now);
  }

  public static JsonNode get(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) return c;
    }
    return null;
  }

  public static boolean isFalse(JsonNode status, String type) {
    JsonNode c = get(status, type);
    return c != null && "False".equals(c.path("status").asText());
  }

  public static boolean isTrue(JsonNode status, String type) {
    JsonNode c = get(status, type);
    return c != null && "True".equals(c.path("status").asText());
  }

  public static void remove(ObjectNode status, String type) {
    JsonNode list = status.get("conditions");
    if (list instanceof ArrayNode a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        if (type.equals(a.get(i).path("type").asText())) a.remove(i);
      }
    }
  }
}

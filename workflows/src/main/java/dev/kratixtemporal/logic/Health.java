package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/** A request's status.healthStatus from its HealthRecords: the worst state wins (Kratix docs: HealthRecords). */
public final class Health {
  /** Worst first. */
  public static final List<String> STATES = List.of("unhealthy", "degraded", "unknown", "healthy", "ready");

  private Health() {}

  public static ObjectNode healthStatus(Collection<? extends JsonNode> records) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String worst = "ready";
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (JsonNode record : records) {
      JsonNode data = record.path("data");
      String state = data.path("state").asText("unknown");
      if (STATES.indexOf(state) < STATES.indexOf(worst)) worst = state;
      ObjectNode entry = list.addObject().put("state", state);
      if (data.has("lastRun")) entry.set("lastRun", data.get("lastRun"));
      if (data.has("details")) entry.set("details", data.get("details"));
      entry.putObject("source").put("name", record.path("metadata").path("name").asText())
          .put("namespace", record.path("metadata").path("namespace").asText());
    }
    out.put("state", worst);
    out.set("healthRecords", list);
    return out;
  }
}

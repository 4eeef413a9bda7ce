package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Iterator;
import java.util.Map;

/** Merges a pipeline's status.yaml into an object's status, as Kratix's status-writer does (Kratix docs: status-writer). */
public final class StatusMerge {
  private StatusMerge() {}

  /**
   * Shallow merge: incoming keys replace existing ones, except conditions, which merge by type.
   * A top-level {@code kratix} key is Kratix's own and fails the pipeline.
   */
  public static void merge(ObjectNode status, JsonNode incoming) {
    if (incoming == null || incoming.isNull() || incoming.isMissingNode()) return;
    if (!incoming.isObject()) throw new InvalidDocumentException("status.yaml", "must be a YAML mapping");
    if (incoming.has("kratix")) throw new InvalidDocumentException("status.yaml.kratix", "the kratix key is reserved for Kratix");
    for (Iterator<Map.Entry<String, JsonNode>> it = incoming.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("conditions") && e.getValue().isArray()) {
        for (JsonNode c : e.getValue()) {
          if (!c.isObject()) continue;
          Conditions.remove(status, c.path("type").asText());
          (status.has("conditions") ? (com.fasterxml.jackson.databind.node.ArrayNode) status.get("conditions")
              : status.putArray("conditions")).add(c.deepCopy());
        }
      } else {
        status.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}

package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import java.util.OptionalLong;

/** What the controller writes to a custom resource's status subresource, and whether that is a change. */
public final class CrStatus {
  /** Set (False) only while the latest version of the resource was rejected; a later good version removes it. */
  public static final String ACCEPTED = "Accepted";
  public static final String INVALID_REASON = "InvalidDocument";

  private CrStatus() {}

  /**
   * The workflow's status (conditions, observedGeneration, kratix.workflows.pipelines, message...), with
   * observedGeneration in the cluster's terms and, after a rejection, an Accepted=False condition naming the
   * error. Null when there is nothing to write yet.
   */
  public static ObjectNode desired(JsonNode workflowStatus, GenerationMap generations, JsonNode currentStatus,
      Rejection rejection) {
    boolean fromWorkflow = workflowStatus instanceof ObjectNode;
    if (!fromWorkflow && rejection == null) return null;
    ObjectNode status = fromWorkflow ? ((ObjectNode) workflowStatus).deepCopy() : JsonNodeFactory.instance.objectNode();
    if (status.has("observedGeneration")) {
      OptionalLong cluster = generations.toCluster(status.path("observedGeneration").asLong());
      JsonNode current = currentStatus == null ? null : currentStatus.get("observedGeneration");
      if (cluster.isPresent()) status.put("observedGeneration", cluster.getAsLong());
      // A generation this process did not apply (it restarted meanwhile): keep what the resource says.
      else if (current != null && current.isNumber()) status.set("observedGeneration", current);
      else status.remove("observedGeneration");
    }
    if (rejection != null) {
      status.put("message", "Rejected: " + rejection.message());
      ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
      for (int i = conditions.size() - 1; i >= 0; i--) {
        if (ACCEPTED.equals(conditions.get(i).path("type").asText())) conditions.remove(i);
      }
      conditions.addObject().put("type", ACCEPTED).put("status", "False").put("reason", INVALID_REASON)
          .put("message", rejection.message()).put("lastTransitionTime", rejection.since());
    }
    return status;
  }

  /** Compared as canonical JSON: the cluster and Temporal may hand back 1 as an int where we hold a long. */
  public static boolean differs(JsonNode current, JsonNode desired) {
    if (desired == null) return false;
    if (current == null || current.isMissingNode() || current.isNull()) return true;
    return !KratixYaml.canonicalJson(current).equals(KratixYaml.canonicalJson(desired));
  }
}

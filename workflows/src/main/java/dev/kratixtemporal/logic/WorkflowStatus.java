package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The workflow bookkeeping Kratix keeps in status: counters and status.kratix.workflows.pipelines[] (spec 4.2, 5.8). */
public final class WorkflowStatus {
  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private WorkflowStatus() {}

  /** A run starts from pipeline 0: every phase Pending, counters reset. */
  public static void reset(ObjectNode status, List<String> pipelineNames, String now) {
    status.put("workflows", pipelineNames.size());
    status.put("workflowsSucceeded", 0);
    status.put("workflowsFailed", 0);
    ArrayNode list = workflows(status).putArray("pipelines");
    for (String name : pipelineNames) {
      list.addObject().put("name", name).put("phase", PENDING).put("lastTransitionTime", now);
    }
  }

  public static void phase(ObjectNode status, int index, String phase, String message, String now) {
    JsonNode list = workflows(status).path("pipelines");
    if (!(list instanceof ArrayNode a) || index >= a.size()) return;
    ObjectNode p = (ObjectNode) a.get(index);
    p.put("phase", phase).put("lastTransitionTime", now);
    if (message == null) p.remove("message");
    else p.put("message", message);
  }

  public static ObjectNode workflows(ObjectNode status) {
    ObjectNode kratix = status.has("kratix") && status.get("kratix").isObject()
        ? (ObjectNode) status.get("kratix") : status.putObject("kratix");
    return kratix.has("workflows") && kratix.get("workflows").isObject()
        ? (ObjectNode) kratix.get("workflows") : kratix.putObject("workflows");
  }

  public static ObjectNode kratix(ObjectNode status) {
    workflows(status);
    return (ObjectNode) status.get("kratix");
  }
}

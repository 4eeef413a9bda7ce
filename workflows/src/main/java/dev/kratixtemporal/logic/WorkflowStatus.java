package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The workflow bookkeeping Kratix keeps in status: counters and status.kratix.workflows.pipelines[] (Kratix docs: Status during a run; Workflow engine). */
public final class WorkflowStatus {
  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String SUSPENDED = "Suspended";

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

  /** A pipeline suspended by workflow-control.yaml; a retry also counts an attempt and says when it comes. */
  public static void suspend(ObjectNode status, int index, String message, String nextRetryAt, String now) {
    phase(status, index, SUSPENDED, message, now);
    ObjectNode p = pipeline(status, index);
    if (p == null || nextRetryAt == null) return;
    p.put("attempts", p.path("attempts").asInt(0) + 1);
    p.put("nextRetryAt", nextRetryAt);
  }

  /** A pipeline that ran through clears what an earlier suspension left on it. */
  public static void clearRetry(ObjectNode status, int index) {
    ObjectNode p = pipeline(status, index);
    if (p != null) {
      p.remove("attempts");
      p.remove("nextRetryAt");
    }
  }

  private static ObjectNode pipeline(ObjectNode status, int index) {
    JsonNode list = workflows(status).path("pipelines");
    return list instanceof ArrayNode a && index < a.size() ? (ObjectNode) a.get(index) : null;
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

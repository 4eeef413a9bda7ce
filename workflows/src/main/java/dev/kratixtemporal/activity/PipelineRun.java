package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Pipeline;

/**
 * One pipeline run.
 *
 * @param workflowType promise or resource
 * @param action configure, delete, or healthcheck (a HealthDefinition's scheduled run)
 * @param object the object written to /kratix/input/object.yaml (with its status)
 * @param crdPlural KRATIX_CRD_PLURAL
 * @param pipelineNamespace the Promise's spec.workflows.config.pipelineNamespace; "" or null when unset
 * @param promiseVersion KRATIX_PROMISE_VERSION for health checks; null (histories recorded before, other runs)
 *     leaves it unset
 */
public record PipelineRun(String workflowType, String action, String promiseName, Pipeline pipeline, ObjectNode object,
    String crdPlural, String pipelineNamespace, String promiseVersion) {

  public PipelineRun(String workflowType, String action, String promiseName, Pipeline pipeline, ObjectNode object,
      String crdPlural, String pipelineNamespace) {
    this(workflowType, action, promiseName, pipeline, object, crdPlural, pipelineNamespace, null);
  }

  /** A resource's configure run: HealthDefinitions in its output are registered for the request, not delivered. */
  public boolean picksHealthDefinitions() {
    return "resource".equals(workflowType) && "configure".equals(action);
  }
}

package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.slo.ProvisioningWatch;
import dev.kratixtemporal.model.slo.SloRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A resource request's state. */
public class ResourceWorkflowState extends PipelineWorkflowState {
  /** Handlers (healthRecorded): the request's HealthRecords by "namespace/name". */
  public Map<String, ObjectNode> healthRecords = new LinkedHashMap<>();
  /** Handlers (healthDefinitionAdded/Removed): the workflow ids of the HealthDefinitions checking this request. */
  public java.util.TreeSet<String> healthDefinitions = new java.util.TreeSet<>();
  /** The workflow ids of the HealthDefinitions its configure pipelines emitted last (docs/health-checks.md). */
  public java.util.TreeSet<String> emittedHealthDefinitions = new java.util.TreeSet<>();
  /** Handlers (promiseChanged): the Promise waits to hear that this request has converged. */
  public boolean promiseWaiting;
  /** Handlers (promiseChanged): what the Promise said it is now; null when it did not say. */
  public dev.kratixtemporal.activity.PromiseVersion promiseVersion;

  /**
   * Its Promise's SLOs: from its read of the Promise until the Promise tells it (handlers: slosChanged); null until
   * either.
   */
  public List<SloRef> slos;
  /** The loop's: the provisioning measurement of the newest generation (the apply handler starts one). */
  public ProvisioningWatch provisioning = new ProvisioningWatch();
  /** The loop's: when a provisioning threshold passes (0: none pending). */
  public long sloDueAt;
  /** Handlers: what the provisioning timer depends on changed (or it fired): the loop looks again. */
  public boolean sloWake;

  /** Workflow-clock millis when a request whose Promise was missing tries to register again; 0 when none. */
  public long retryRegisterAt;
}

package dev.kratixtemporal.workflow;

/** A HealthDefinition's state, carried across continue-as-new. */
public class HealthCheckWorkflowState extends EntityWorkflowState {
  /** The loop: workflow-clock millis of the next scheduled run; 0 before the first. */
  public long nextRunAt;
  /** The loop: the request workflow this definition is registered with; null until registered. */
  public String requestId;
}

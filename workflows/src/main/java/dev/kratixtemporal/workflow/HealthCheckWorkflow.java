package dev.kratixtemporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One HealthDefinition: its pipeline run on its cron schedule, each outcome a HealthRecord for its request. */
@WorkflowInterface
public interface HealthCheckWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(HealthCheckWorkflowState state);
}

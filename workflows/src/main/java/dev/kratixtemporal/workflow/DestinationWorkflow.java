package dev.kratixtemporal.workflow;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One Destination: store readiness and canary files. */
@WorkflowInterface
public interface DestinationWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(DestinationWorkflowState state);

  /** A state store appeared or changed: recheck readiness. */
  @SignalMethod
  void storeChanged();
}

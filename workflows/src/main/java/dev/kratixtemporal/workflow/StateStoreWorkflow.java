package dev.kratixtemporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One GitStateStore or BucketStateStore: its config and readiness. */
@WorkflowInterface
public interface StateStoreWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(StateStoreWorkflowState state);
}

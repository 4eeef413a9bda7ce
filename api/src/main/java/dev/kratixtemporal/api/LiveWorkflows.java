package dev.kratixtemporal.api;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;

/**
 * Whether an object exists, asked of its own workflow. Reads go to the owner: a request's workflow runs as soon as
 * its apply has returned, while its Promise hears of it through a signal a moment later.
 */
public final class LiveWorkflows {
  private LiveWorkflows() {}

  /** A deleted object's workflow has completed: it is gone, as far as the API is concerned. */
  public static boolean isRunning(WorkflowClient client, String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}

package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.WorkflowControl;
import dev.kratixtemporal.logic.WorkflowStatus;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Pipeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * A delete workflow: its one pipeline, run until it goes through (Kratix docs: delete workflows; workflow-control suspension and retry). A failure waits for a spec
 * change or a manual reconciliation; a workflow-control suspension waits for resume or its retryAfter.
 */
final class DeleteRun {
  private static final String DELETE_COMPLETED = "DeleteWorkflowCompleted";
  /** Histories recorded before: a blocked delete waited in one run, however long its history grew. */
  private static final String WAIT_CONTINUES = "blocked-delete-continues-as-new";

  private DeleteRun() {}

  static void runUntilDone(PipelineWorkflowState state, PlatformSettings settings, String workflowType,
      String promiseName, Pipeline pipeline, String plural, String pipelineNamespace) {
    state.nextReconcileAt = 0;
    // Nothing is rewritten while deleting: a due rewrite must not wake the wait below.
    state.nextRewriteAt = 0;
    boolean continues = Workflow.getVersion(WAIT_CONTINUES, Workflow.DEFAULT_VERSION, 1) >= 1;
    // A run that continued as new while waiting keeps its suspension and status.
    if (!continues || state.deleteWaitsSince < 0) {
      state.suspendedAt = -1;
      WorkflowStatus.reset(state.status, List.of(pipeline.name()), Stubs.now());
    }
    while (true) {
      if (!continues || state.deleteWaitsSince < 0) {
        String outcome = runOnce(state, workflowType, promiseName, pipeline, plural, pipelineNamespace);
        if (outcome == null) return;
        state.deleteWaitsSince = state.generation;
        state.forceRun = false;
        state.resumeRequested = false;
      }
      long generation = state.deleteWaitsSince;
      Reconciliation.await(state, () -> state.generation > generation || state.forceRun || state.resumeRequested
          || (continues && ContinueAsNew.due(settings)));
      if (continues && state.generation == generation && !state.forceRun && !state.resumeRequested) {
        // Woken by the history's length or another concern's timer: keep waiting, without running the pipeline
        // again. Waiting for a fix can take months: a new run carries on waiting.
        ContinueAsNew.ifDue(state, settings);
        continue;
      }
      state.deleteWaitsSince = -1;
      state.runRequested = false;
    }
  }

  /** @return null when the pipeline went through, else why it waits */
  private static String runOnce(PipelineWorkflowState state, String workflowType, String promiseName, Pipeline pipeline,
      String plural, String pipelineNamespace) {
    ObjectNode object = state.asObject();
    WorkflowStatus.phase(state.status, 0, WorkflowStatus.RUNNING, null, Stubs.now());
    PipelineResult result;
    try {
      result = Stubs.pipelines().runPipeline(new PipelineRun(workflowType, "delete", promiseName, pipeline, object, plural,
          pipelineNamespace));
    } catch (ActivityFailure e) {
      result = PipelineResult.failed("pipeline could not run: " + ConfigureRun.rootMessage(e), null);
    }
    WorkflowControl control = null;
    String failure = result.succeeded() ? null : result.message();
    if (failure == null) {
      try {
        control = WorkflowControl.parse(result.workflowControl());
      } catch (InvalidDocumentException e) {
        failure = e.getMessage();
      }
    }
    String now = Stubs.now();
    if (failure != null) {
      WorkflowStatus.phase(state.status, 0, WorkflowStatus.FAILED, failure, now);
      Conditions.set(state.status, DELETE_COMPLETED, "False", "DeleteWorkflowFailed", "The Delete Pipeline has failed", now);
      return "failed";
    }
    if (control != null) {
      // Suspended: nothing is removed yet; resume (signal) or the retry time runs the delete pipeline again.
      ConfigureRun.markSuspended(state, 0, control, now);
      Conditions.set(state.status, DELETE_COMPLETED, "False", "DeleteWorkflowSuspended", "The delete workflow is suspended", now);
      return "suspended";
    }
    state.suspendedAt = -1;
    state.retryAt = 0;
    WorkflowStatus.phase(state.status, 0, WorkflowStatus.SUCCEEDED, null, now);
    WorkflowStatus.clearRetry(state.status, 0);
    Conditions.remove(state.status, DELETE_COMPLETED);
    return null;
  }
}

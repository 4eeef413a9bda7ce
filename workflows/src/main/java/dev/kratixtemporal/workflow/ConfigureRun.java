package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.OutputBudget;
import dev.kratixtemporal.logic.StatusMerge;
import dev.kratixtemporal.logic.WorkflowStatus;
import dev.kratixtemporal.logic.Workloads;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Pipeline;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import dev.kratixtemporal.logic.WorkflowControl;
import dev.kratixtemporal.model.Docs;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs a configure workflow: pipelines in order, each one's status.yaml merged before the next starts, each one's
 * output delivered as a Work. Shared by Promise and resource workflows (Kratix docs: Status during a run; work-writer; status-writer; Workflow engine).
 */
final class ConfigureRun {
  enum Outcome { COMPLETED, FAILED, RESTARTED, SUSPENDED }

  static final String SUSPENDED_LABEL = "kratix.io/workflow-suspended";

  private final PipelineWorkflowState state;
  private final String workflowType;
  private final String promiseName;
  private final String crdPlural;
  private final String pipelineNamespace;
  private final PipelineActivities pipelines = Stubs.pipelines();
  private final Delivery delivery;
  final List<String> unscheduled = new ArrayList<>();
  /** HealthDefinitions the run's pipelines emitted (a resource's configure: docs/health-checks.md). */
  final List<ObjectNode> healthDefinitions = new ArrayList<>();
  /** Every pipeline ran (not a resume from a suspended one): the emitted definitions are all there are. */
  boolean ranAll;

  ConfigureRun(PipelineWorkflowState state, Delivery delivery, String workflowType, String promiseName, String crdPlural,
      String pipelineNamespace) {
    this.state = state;
    this.delivery = delivery;
    this.workflowType = workflowType;
    this.promiseName = promiseName;
    this.crdPlural = crdPlural;
    this.pipelineNamespace = pipelineNamespace;
  }

  /**
   * @param workFor names the Work for a pipeline's groups
   * @param promiseSelectors the Promise's destinationSelectors, added to every root group
   */
  Outcome run(List<Pipeline> list, List<Map<String, String>> promiseSelectors,
      BiFunction<Pipeline, List<WorkloadGroup>, Work> workFor) {
    String now = Stubs.now();
    // Resuming a suspended workflow continues at the suspended pipeline, keeping its attempts; anything else
    // starts from pipeline 0.
    int from = state.resumeRequested && state.suspendedAt >= 0 && state.suspendedAt < list.size() ? state.suspendedAt : 0;
    ranAll = from == 0;
    endSuspension();
    if (from == 0) WorkflowStatus.reset(state.status, list.stream().map(Pipeline::name).toList(), now);
    state.status.put("message", "Pending");
    Conditions.set(state.status, Conditions.CONFIGURE_COMPLETED, "False", "PipelinesInProgress", "Pipelines are still in progress", now);
    Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "WorkflowPending", "Pending", now);
    String source = workflowType + "-workflow";
    for (int i = from; i < list.size(); i++) {
      // A spec change waits for the running pipeline to end, then restarts from pipeline 0.
      if (i > from && state.runRequested) return Outcome.RESTARTED;
      Pipeline pipeline = list.get(i);
      WorkflowStatus.phase(state.status, i, WorkflowStatus.RUNNING, null, Stubs.now());
      List<WorkloadGroup> groups;
      WorkflowControl control;
      List<ObjectNode> emitted;
      try {
        PipelineResult result = run(pipeline);
        // Deleted while the pipeline ran: its container was stopped; the delete takes over.
        if (result == null) return Outcome.RESTARTED;
        if (!result.succeeded()) throw new InvalidDocumentException(result.message());
        mergeStatus(result.status());
        control = WorkflowControl.parse(result.workflowControl());
        emitted = result.emittedHealthDefinitions();
        groups = Workloads.groups(result.outputs(), result.destinationSelectors(), promiseSelectors, source);
      } catch (InvalidDocumentException e) {
        fail(i, pipeline.name(), e.getMessage());
        return Outcome.FAILED;
      }
      if (control != null) {
        suspend(i, control);
        return Outcome.SUSPENDED;
      }
      Work work = workFor.apply(pipeline, groups);
      try {
        checkOutputBudget(pipeline.name(), work);
      } catch (InvalidDocumentException e) {
        fail(i, pipeline.name(), e.getMessage());
        return Outcome.FAILED;
      }
      WorkflowStatus.phase(state.status, i, WorkflowStatus.SUCCEEDED, null, Stubs.now());
      WorkflowStatus.clearRetry(state.status, i);
      state.status.put("workflowsSucceeded", i + 1);
      state.works.put(pipeline.name(), work);
      healthDefinitions.addAll(emitted);
      Blobs.retain(state);
      unscheduled.addAll(delivery.deliver(work, delivery.destinations(), true));
    }
    removeWorksOfDeletedPipelines(list);
    now = Stubs.now();
    Conditions.set(state.status, Conditions.CONFIGURE_COMPLETED, "True", "PipelinesExecutedSuccessfully", "Pipelines completed", now);
    WorkflowStatus.kratix(state.status);
    WorkflowStatus.workflows(state.status).put("lastSuccessfulConfigureWorkflowTime",
        Conditions.get(state.status, Conditions.CONFIGURE_COMPLETED).path("lastTransitionTime").asText());
    state.status.put("lastSuccessfulConfigureWorkflowTime",
        WorkflowStatus.workflows(state.status).path("lastSuccessfulConfigureWorkflowTime").asText());
    return Outcome.COMPLETED;
  }

  /**
   * The object's works with this one in place of its pipeline's previous one had to fit the budget while outputs
   * travelled in the workflow's state. Version 1 (recorded histories) checks it; version 2 does not: outputs are in
   * the blob store and the state carries references only.
   */
  private void checkOutputBudget(String pipelineName, Work work) {
    // Workflows that ran before the budget existed replay without it.
    int version = Workflow.getVersion("output-budget", Workflow.DEFAULT_VERSION, 2);
    if (version != 1) return;
    Map<String, Work> after = new LinkedHashMap<>(state.works);
    after.put(pipelineName, work);
    OutputBudget.check(after.values());
  }

  /**
   * A pipeline asked to wait: nothing of its output is delivered, the object is labelled, and a retry is timed
   * (Kratix docs: status-writer; Suspension / retry).
   */
  private void suspend(int index, WorkflowControl control) {
    String now = Stubs.now();
    markSuspended(state, index, control, now);
    WorkflowStatus.workflows(state.status).put("suspendedGeneration", state.generation);
    Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "WorkflowSuspended", "Suspended", now);
  }

  /**
   * What configure and delete workflows share when workflow-control.yaml suspends them: the pipeline's phase,
   * its attempts and next retry, the timer's due time, and the kratix.io/workflow-suspended label.
   */
  static void markSuspended(PipelineWorkflowState state, int index, WorkflowControl control, String now) {
    String nextRetryAt = null;
    state.retryAt = 0;
    if (control.retryAfter() != null) {
      // Workflows suspended before the minimum existed replay with the interval the pipeline asked for.
      boolean bounded = Workflow.getVersion("min-retry-after", Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
      state.retryAt = Workflow.currentTimeMillis() + (bounded ? control.boundedRetryAfter() : control.retryAfter()).toMillis();
      nextRetryAt = Instant.ofEpochMilli(state.retryAt).truncatedTo(ChronoUnit.SECONDS).toString();
    }
    state.suspendedAt = index;
    WorkflowStatus.suspend(state.status, index, control.message(), nextRetryAt, now);
    Docs.metadata(state.document).with("labels").put(SUSPENDED_LABEL, "true");
  }

  /** Clears a suspension: the label, the suspended generation and any pending retry. */
  private void endSuspension() {
    state.suspendedAt = -1;
    state.retryAt = 0;
    state.resumeRequested = false;
    WorkflowStatus.workflows(state.status).remove("suspendedGeneration");
    if (Docs.metadata(state.document).get("labels") instanceof ObjectNode labels) labels.remove(SUSPENDED_LABEL);
  }

  /**
   * Runs one pipeline. When the runtime stays broken past the retry cap the pipeline is reported failed, with
   * the cause, rather than failing the workflow.
   *
   * @return null when a delete stopped it
   */
  PipelineResult run(Pipeline pipeline) {
    PipelineRun input = new PipelineRun(workflowType, "configure", promiseName, pipeline, state.asObject(), crdPlural,
        pipelineNamespace);
    try {
      // Workflows started before deletes stopped running pipelines replay the plain call.
      if (Workflow.getVersion("delete-stops-pipeline", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        return pipelines.runPipeline(input);
      }
      return UntilDeleted.call(state, pipelines::runPipeline, input);
    } catch (ActivityFailure e) {
      return PipelineResult.failed("pipeline could not run: " + rootMessage(e), null);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t instanceof ApplicationFailure af ? af.getOriginalMessage() : t.getMessage();
  }

  private void mergeStatus(ObjectNode incoming) {
    if (incoming == null) return;
    if (workflowType.equals("promise")) {
      // The Promise status schema keeps only message from a promise pipeline.
      if (incoming.has("message")) state.status.set("message", incoming.get("message"));
      return;
    }
    StatusMerge.merge(state.status, incoming);
  }

  private void fail(int index, String pipeline, String message) {
    String now = Stubs.now();
    WorkflowStatus.phase(state.status, index, WorkflowStatus.FAILED, message, now);
    state.status.put("workflowsFailed", 1);
    Conditions.set(state.status, Conditions.CONFIGURE_COMPLETED, "False", "ConfigureWorkflowFailed",
        "A Configure Pipeline has failed: " + pipeline, now);
    Conditions.set(state.status, Conditions.RECONCILED, "False", "ConfigureWorkflowFailed", "Failing", now);
  }

  private void removeWorksOfDeletedPipelines(List<Pipeline> list) {
    List<String> names = list.stream().map(Pipeline::name).toList();
    for (String key : List.copyOf(state.works.keySet())) {
      if (!key.equals(PromiseWorkflowImpl.STATIC_WORK) && !names.contains(key)) {
        delivery.retire(state.works.remove(key), delivery.destinations());
        Blobs.retain(state);
      }
    }
  }
}

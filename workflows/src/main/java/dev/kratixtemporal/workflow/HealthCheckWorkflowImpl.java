package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.Health;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.HealthDefinition;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Promise;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One HealthDefinition (docs/health-checks.md): registered with its request, its pipeline runs at once on apply,
 * then at each time of its cron schedule (a durable timer: it survives restarts). Each run, whatever its outcome,
 * becomes the HealthRecord named after the definition, signalled to the request. A run is one attempt: a failure is
 * a record, and the next tick tries again.
 */
public class HealthCheckWorkflowImpl extends EntityWorkflowImpl<HealthCheckWorkflowState> implements HealthCheckWorkflow {
  static final String LAST_RUN = "LastRunSucceeded";

  private final String namespace;
  private final String name;

  @WorkflowInit
  public HealthCheckWorkflowImpl(HealthCheckWorkflowState state) {
    super(state);
    String[] id = Workflow.getInfo().getWorkflowId().split("/", 3);
    this.namespace = id[1];
    this.name = id[2];
  }

  @Override
  public void run(HealthCheckWorkflowState ignored) {
    loop();
  }

  /** The schedule's next time wakes the loop as a run asked for. */
  @Override
  protected void await(Supplier<Boolean> woken) {
    if (state.nextRunAt <= 0) {
      Workflow.await(woken);
    } else if (!Workflow.await(Duration.ofMillis(Math.max(0, state.nextRunAt - Workflow.currentTimeMillis())), woken)) {
      state.runRequested = true;
    }
  }

  @Override
  protected void act() {
    state.runRequested = false;
    state.forceRun = false;
    HealthDefinition definition = HealthDefinition.parse(state.document);
    String request = WorkflowIds.resource(definition.promiseName(), definition.resourceNamespace(), definition.resourceName());
    register(request);
    state.status.put("schedule", state.document.path("spec").path("schedule").asText());
    check(definition, request);
    state.nextRunAt = definition.schedule().nextAfter(Workflow.currentTimeMillis());
    if (state.nextRunAt > 0) {
      state.status.put("nextScheduledTime", Instant.ofEpochMilli(state.nextRunAt).toString());
    } else {
      state.status.remove("nextScheduledTime");
    }
    state.status.put("observedGeneration", state.generation);
  }

  /** Tells the request it is checked by this definition (and the one it checked before, if it moved, that it is not). */
  private void register(String request) {
    if (request.equals(state.requestId)) return;
    if (state.requestId != null) signal(state.requestId, "healthDefinitionRemoved");
    if (signal(request, "healthDefinitionAdded")) state.requestId = request;
  }

  private boolean signal(String request, String signal) {
    try {
      Workflow.newUntypedExternalWorkflowStub(request).signal(signal, Workflow.getInfo().getWorkflowId());
      return true;
    } catch (RuntimeException e) {
      // The request is gone: nothing to tell.
      return false;
    }
  }

  /** One run, its outcome a HealthRecord sent to the request. */
  private void check(HealthDefinition d, String request) {
    String now = Stubs.now();
    ObjectNode object = Stubs.catalog().request(request);
    PromiseSnapshot promise = Stubs.catalog().promise(d.promiseName(), null);
    if (object == null || !promise.exists()) {
      Conditions.set(state.status, LAST_RUN, "False", "ResourceNotFound", object == null
          ? "no request " + request.substring("resource/".length()) : "no Promise " + d.promiseName(), now);
      return;
    }
    Promise p = Promise.parse(promise.document());
    // The version the request runs at (it may not have converged to a new Promise yet).
    String version = object.path("status").path("promiseVersion").asText(p.version());
    ObjectNode input = d.input() != null ? d.input() : object;
    PipelineRun run = new PipelineRun("resource", "healthcheck", d.promiseName(), d.workflow(), input,
        p.api() == null ? "" : p.api().plural(), p.pipelineNamespace(), version);
    PipelineResult result;
    boolean ran = true;
    try {
      result = UntilDeleted.call(state, pipelines()::runPipeline, run);
    } catch (io.temporal.failure.ActivityFailure e) {
      ran = false;
      result = PipelineResult.failed("health check could not run: " + ConfigureRun.rootMessage(e), null);
    }
    if (result == null) return; // deleted while it ran
    String healthState;
    JsonNode details;
    if (result.timedOut()) {
      healthState = "unknown";
      details = JsonNodeFactory.instance.objectNode().put("error", result.message());
    } else if (!result.succeeded()) {
      // A container that fails says the resource is unhealthy; a runtime that could not run it says nothing.
      healthState = ran ? "unhealthy" : "unknown";
      details = JsonNodeFactory.instance.objectNode().put("error", result.message());
    } else if (result.health() == null) {
      healthState = "healthy";
      details = null;
    } else {
      healthState = result.health().path("state").asText("unknown");
      details = result.health().get("details");
      if (!Health.STATES.contains(healthState)) {
        details = JsonNodeFactory.instance.objectNode().put("error", "health.yaml state \"" + healthState
            + "\" is not one of " + Health.STATES);
        healthState = "unknown";
      }
    }
    ObjectNode record = Health.record(name, namespace, d.promiseName(), d.resourceName(), d.resourceNamespace(),
        healthState, details, Workflow.currentTimeMillis() / 1000, version);
    state.status.put("lastRunState", healthState);
    // Runs by state since the definition was created, for kratix_health_check_runs_total (docs/health-checks.md).
    ObjectNode runs = state.status.with("runs");
    runs.put(healthState, runs.path(healthState).asLong() + 1);
    state.status.put("lastRunTime", Stubs.now());
    if (result.succeeded()) {
      Conditions.set(state.status, LAST_RUN, "True", "PipelineSucceeded", "health check ran", Stubs.now());
    } else {
      Conditions.set(state.status, LAST_RUN, "False", result.timedOut() ? "PipelineTimedOut" : "PipelineFailed",
          result.message(), Stubs.now());
    }
    try {
      Workflow.newExternalWorkflowStub(ResourceWorkflow.class, request).healthRecorded(record);
    } catch (RuntimeException e) {
      Conditions.set(state.status, LAST_RUN, "False", "ResourceNotFound", "no request " + request.substring("resource/".length()), Stubs.now());
    }
  }

  /**
   * The pipeline stub of health checks: a runtime fault is tried again a few times, never for long; the next tick
   * comes anyway.
   */
  private static PipelineActivities pipelines() {
    return Workflow.newActivityStub(PipelineActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(PipelineActivities.TASK_QUEUE)
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumAttempts(3).build())
        .build());
  }

  @Override
  protected void deleteObject() {
    if (state.requestId != null) signal(state.requestId, "healthDefinitionRemoved");
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    Reconciliation.accept(state, document);
    return new ApplyResult(HealthDefinition.KIND, name, namespace, Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    if (state.deleteRequested) throw ApplicationFailure.newFailure("the HealthDefinition is being deleted", "Conflict");
    HealthDefinition d = HealthDefinition.parse(document);
    if (!d.name().equals(name) || !d.namespace().equals(namespace)) {
      throw new InvalidDocumentException("metadata", "name and namespace must be " + namespace + "/" + name
          + " for workflow " + Workflow.getInfo().getWorkflowId());
    }
  }
}

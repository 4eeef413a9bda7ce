package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.GoDuration;
import dev.kratixtemporal.model.Docs;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/** The reconciliation rules Promise and resource workflows share: labels, pausing, the periodic timer (Kratix docs: Labels on Promises; Periodic reconciliation). */
final class Reconciliation {
  static final String MANUAL = "kratix.io/manual-reconciliation";
  static final String PAUSED = "kratix.io/paused";
  static final String RECONCILE_RESOURCES = "kratix.io/reconcile-resources";

  /**
   * Histories recorded before: every wait started a timer, even when there was something to do already, and left it
   * running when the condition came first; each such timer later woke the workflow for nothing.
   */
  static final String NO_STRAY_TIMERS = "await-without-stray-timers";

  private Reconciliation() {}

  /**
   * Waits for the condition, at most the given time: no timer when the condition already holds, and the timer
   * cancelled when the condition comes first.
   *
   * @return whether the condition came first
   */
  static boolean conditionWins(Duration timeout, Functions.Func<Boolean> condition) {
    if (condition.apply()) return true;
    AtomicReference<Promise<Void>> timer = new AtomicReference<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> timer.set(Workflow.newTimer(timeout)));
    scope.run();
    Workflow.await(() -> timer.get().isCompleted() || condition.apply());
    if (timer.get().isCompleted()) return false;
    // Handled, so the SDK does not warn of a failure nobody read when the workflow leaves the cache.
    timer.get().exceptionally(cancelled -> null);
    scope.cancel();
    return true;
  }

  /**
   * Waits for the condition or, when a periodic run is due, for its time. A due time that passes asks for a
   * full rerun, as Kratix's manual-reconciliation label would.
   */
  static void await(PipelineWorkflowState state, Functions.Func<Boolean> condition) {
    ResourceWorkflowState request = state instanceof ResourceWorkflowState r ? r : null;
    long registerAt = request == null ? 0 : request.retryRegisterAt;
    long sloDueAt = request == null ? 0 : request.sloDueAt;
    long due = LongStream.of(state.retryAt, state.nextReconcileAt, state.nextRewriteAt, registerAt, state.retryWritesAt,
            sloDueAt)
        .filter(t -> t > 0).min().orElse(0);
    if (due <= 0) {
      Workflow.await(condition::apply);
      return;
    }
    long wait = Math.max(0, due - Workflow.currentTimeMillis());
    if (Workflow.getVersion(NO_STRAY_TIMERS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      if (conditionWins(Duration.ofMillis(wait), condition)) return;
    } else if (Workflow.await(Duration.ofMillis(wait), condition::apply)) {
      return;
    }
    if (registerAt > 0 && registerAt <= Workflow.currentTimeMillis()) {
      // A request whose Promise was missing tries to register again (the loop does it; it converges once known).
      request.retryRegisterAt = 0;
      return;
    } else if (sloDueAt > 0 && sloDueAt <= Workflow.currentTimeMillis()) {
      // A provisioning threshold passed (docs/slos.md): the loop counts it, and does nothing else.
      request.sloDueAt = 0;
      request.sloWake = true;
      return;
    } else if (state.retryAt > 0 && state.retryAt <= Workflow.currentTimeMillis()) {
      // retryAfter elapsed: Kratix removes the suspended label, which resumes at the suspended pipeline.
      state.retryAt = 0;
      state.resumeRequested = true;
    } else if (state.nextReconcileAt > 0 && state.nextReconcileAt <= Workflow.currentTimeMillis()) {
      state.nextReconcileAt = 0;
      state.forceRun = true;
    } else if (state.retryWritesAt > 0 && state.retryWritesAt <= Workflow.currentTimeMillis()) {
      // Writes that did not go through are tried again: the placements not yet written.
      state.retryWritesAt = 0;
      state.destinationsChanged = true;
      return;
    } else {
      // Only the placements are due: write them again without rerunning any pipeline.
      state.nextRewriteAt = 0;
      state.rewriteRequested = true;
      state.destinationsChanged = true;
      return;
    }
    state.runRequested = true;
  }

  /**
   * Schedules the next periodic rewrite of the placements (Kratix's stateStoreReconciliationInterval, Kratix docs: Commits, versions, periodic rewrite), so
   * that files changed or removed in the store by someone else come back.
   */
  static void scheduleRewrite(PipelineWorkflowState state, PlatformSettings settings) {
    if (state.nextRewriteAt > 0 || state.placements.isEmpty() || settings == null) return;
    // Workflows started before periodic rewrites existed replay without this timer.
    if (Workflow.getVersion("periodic-rewrite", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) return;
    // Settings are checked at start-up (worker KratixProperties); a Promise's interval at apply (Promise.parse).
    long millis = GoDuration.parse(settings.rewriteInterval()).toMillis();
    if (millis > 0) state.nextRewriteAt = Workflow.currentTimeMillis() + millis;
  }

  /** The first retry of writes that did not go through, and the longest wait between two. */
  static final Duration FIRST_WRITE_RETRY = Duration.ofMinutes(2);
  static final Duration MAX_WRITE_RETRY = Duration.ofMinutes(30);

  /**
   * After a delivery: when some writes did not go through, times a retry of them (2 min, doubling to 30 min),
   * besides the readiness changes of stores and Destinations that also retry them; when all went through, stops.
   */
  static void scheduleWriteRetry(PipelineWorkflowState state, boolean failed) {
    if (!failed) {
      state.writeRetryMillis = 0;
      state.retryWritesAt = 0;
      return;
    }
    if (state.retryWritesAt > 0) return;
    if (Workflow.getVersion("write-retry-timer", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) return;
    state.writeRetryMillis = state.writeRetryMillis == 0 ? FIRST_WRITE_RETRY.toMillis()
        : Math.min(state.writeRetryMillis * 2, MAX_WRITE_RETRY.toMillis());
    state.retryWritesAt = Workflow.currentTimeMillis() + state.writeRetryMillis;
  }

  /** After a run: schedule the next one (after failure only with reconcileAfterFailure). */
  static void scheduleNext(PipelineWorkflowState state, PlatformSettings settings, String promiseInterval, boolean failed) {
    if (failed && !settings.reconcileAfterFailure()) {
      state.nextReconcileAt = 0;
      return;
    }
    String interval = promiseInterval != null ? promiseInterval : settings.reconciliationInterval();
    long millis = GoDuration.parse(interval).toMillis();
    state.nextReconcileAt = millis <= 0 ? 0 : Workflow.currentTimeMillis() + millis;
  }

  /**
   * Takes an applied document: bumps the generation when the spec changed, strips the manual-reconciliation
   * label (Kratix removes it once acted on) and asks for the runs the change calls for.
   */
  static ObjectNode accept(EntityWorkflowState state, ObjectNode document) {
    ObjectNode doc = Docs.withoutStatus(document);
    boolean specChanged = state.document == null || !Docs.spec(doc).equals(Docs.spec(state.document));
    if (specChanged) state.generation++;
    JsonNode labels = doc.path("metadata").path("labels");
    if (state instanceof PipelineWorkflowState p && p.suspendedAt >= 0) {
      // Removing the workflow-suspended label resumes; an apply that keeps it leaves the workflow suspended.
      if (!labels.has(ConfigureRun.SUSPENDED_LABEL)) p.resumeRequested = true;
    }
    if (labels instanceof ObjectNode l && l.has(MANUAL)) {
      l.remove(MANUAL);
      state.forceRun = true;
    }
    Docs.metadata(doc).put("generation", state.generation);
    state.document = doc;
    // A label change alone reruns nothing: the run compares spec hashes; it may unpause, though.
    state.runRequested = true;
    return doc;
  }

  static boolean paused(JsonNode document) {
    return document != null && "true".equals(Docs.labels(document).get(PAUSED));
  }

  /**
   * Marks the object paused (true) or notes that it has just been unpaused, which reruns everything.
   *
   * @return whether the object is paused now
   */
  static boolean checkPaused(PipelineWorkflowState state, boolean pausedNow) {
    String now = Stubs.now();
    if (pausedNow) {
      state.paused = true;
      state.nextReconcileAt = 0;
      Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "PausedReconciliation", "Paused", now);
      return true;
    }
    if (state.paused) {
      state.paused = false;
      state.forceRun = true;
      Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "Unpaused", "Pending", now);
    }
    return false;
  }
}

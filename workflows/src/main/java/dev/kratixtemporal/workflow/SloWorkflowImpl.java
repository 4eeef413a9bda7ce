package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.logic.slo.SloEvaluation;
import dev.kratixtemporal.activity.AlertNotice;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import dev.kratixtemporal.logic.slo.SloReport;
import dev.kratixtemporal.model.slo.KratixMetricSource;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.SloRef;
import dev.kratixtemporal.model.slo.Canary;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;
import dev.kratixtemporal.model.slo.Slo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Handlers record events; the loop counts them, re-evaluates, and sleeps until the next event or the next moment a
 * window lets old events go (so the alert state follows time with no events at all). All times are workflow time.
 */
public class SloWorkflowImpl implements SloWorkflow {
  /** Histories recorded before: an SLO told its Promise nothing. */
  static final String TELLS_PROMISE = "slo-tells-promise";
  /** A Promise that is not there is tried again after 1 minute, doubling to 1 hour. */
  static final Duration FIRST_ATTACH_RETRY = Duration.ofMinutes(1);
  static final Duration MAX_ATTACH_RETRY = Duration.ofHours(1);

  /** Histories recorded before: an alert change was not POSTed to the webhook. */
  static final String ALERT_WEBHOOK = "slo-alert-webhook";
  /** After the activity found no webhook URL set, changes are not sent for this long (settings change on restart). */
  static final Duration WEBHOOK_UNSET_RECHECK = Duration.ofHours(1);

  private final SloWorkflowState state;
  /** The webhook call in flight (one at a time, so changes arrive in order); never awaited by the loop. */
  private Promise<Boolean> webhookCall;
  private boolean webhooks;

  @WorkflowInit
  public SloWorkflowImpl(SloWorkflowState state) {
    this.state = state;
  }

  @Override
  public void run(SloWorkflowState ignored) {
    boolean tellsPromise = Workflow.getVersion(TELLS_PROMISE, Workflow.DEFAULT_VERSION, 1) >= 1;
    webhooks = Workflow.getVersion(ALERT_WEBHOOK, Workflow.DEFAULT_VERSION, 1) >= 1;
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (state.applied != null) takeIn(state.applied, tellsPromise);
      for (Observation o : state.pending) {
        state.ledger.observe(o.at(), o.good() ? 1 : 0, 1, now);
        state.eventsTotal++;
        if (o.good()) state.goodTotal++;
      }
      state.pending.clear();
      state.ledger.advance(now);
      SloEvaluation e = state.ledger.evaluate(now);
      state.evaluatedAt = now;
      // The first evaluation records the starting state (and sets the search attributes).
      if (state.alertSince < 0 || e.alertState() != state.alertState) changeAlert(e, now);
      if (webhooks) sendWebhook(now);
      // Only SLOs with a canary block reach the canary's workflow, and histories recorded before had none.
      steerCanary();
      if (state.deleteRequested) {
        if (tellsPromise) detach();
        return;
      }
      if (tellsPromise) tellPromise(now);
      // A webhook call in flight finishes first (its retries are bounded); the outbox is carried.
      if (webhookCall == null && continueAsNewDue()) {
        ContinueAsNew.now(state);
      }
      long next = state.ledger.nextChange(now);
      if (state.attachRetryAt > 0) next = next < 0 ? state.attachRetryAt : Math.min(next, state.attachRetryAt);
      if (next < 0) {
        Workflow.await(this::woken);
      } else {
        Reconciliation.conditionWins(Duration.ofMillis(next - now), this::woken);
      }
    }
  }

  /**
   * Tells the Promise this SLO exists, with its alert state, and again whenever that changes: the Promise shows it
   * and forwards it to its requests, which then send their events here. A Promise that is not there (not applied yet,
   * deleted) is tried again later, and the status says so.
   */
  private void tellPromise(long now) {
    if (state.attached && !state.reportDue) return;
    if (!state.attached && state.attachRetryAt > now) return;
    try {
      promise().sloAttached(new SloReport(new SloRef(state.name, state.indicator, within()), state.alertState,
          state.alertSince));
      state.attached = true;
      state.reportDue = false;
      state.attachRetryAt = 0;
      state.attachRetryMillis = 0;
      state.attachment = "attached to Promise " + state.promise;
    } catch (RuntimeException e) {
      state.attached = false;
      state.attachRetryMillis = state.attachRetryMillis == 0 ? FIRST_ATTACH_RETRY.toMillis()
          : Math.min(state.attachRetryMillis * 2, MAX_ATTACH_RETRY.toMillis());
      state.attachRetryAt = Workflow.currentTimeMillis() + state.attachRetryMillis;
      state.attachment = "Promise " + state.promise + " not found: trying again at "
          + Instant.ofEpochMilli(state.attachRetryAt).truncatedTo(ChronoUnit.SECONDS);
    }
  }

  /** A provisioning SLO whose state predates the field has the default threshold. */
  private long within() {
    boolean provisioning = Sli.Kind.PROVISIONING.text().equals(state.indicator);
    return provisioning && state.withinMillis == 0 ? KratixMetricSource.DEFAULT_WITHIN.toMillis() : state.withinMillis;
  }

  /**
   * Starts canary/<name> when the SLO asks for canaries, tells it a new block or Promise, and stops it when the SLO
   * is deleted or no longer asks. It is a workflow of its own (abandoned, not cancelled, when this one continues as
   * new or ends) so that a canary in flight is still deleted after the SLO is gone.
   */
  private void steerCanary() {
    Canary wanted = state.deleteRequested ? null : state.canary;
    String id = WorkflowIds.canary(state.name);
    if (wanted == null) {
      if (state.canaryTold == null) return;
      try {
        Workflow.newExternalWorkflowStub(CanaryWorkflow.class, id).stop();
      } catch (RuntimeException e) {
        // It has ended already.
      }
      state.canaryTold = null;
      state.canaryPromise = null;
      return;
    }
    if (wanted.equals(state.canaryTold) && state.promise.equals(state.canaryPromise)) return;
    if (state.canaryTold == null) {
      CanaryWorkflow child = Workflow.newChildWorkflowStub(CanaryWorkflow.class, ChildWorkflowOptions.newBuilder()
          .setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE)
          .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON).build());
      Async.procedure(child::run, CanaryWorkflowState.of(state.name, state.promise, wanted));
      try {
        Workflow.getWorkflowExecution(child).get();
      } catch (ChildWorkflowFailure e) {
        // Still running from before (an SLO deleted and applied again while its last canary is deleted): told below.
        signalCanary(id, wanted);
      }
    } else {
      signalCanary(id, wanted);
    }
    state.canaryTold = wanted;
    state.canaryPromise = state.promise;
  }

  private void signalCanary(String id, Canary canary) {
    try {
      Workflow.newExternalWorkflowStub(CanaryWorkflow.class, id).apply(state.promise, canary);
    } catch (RuntimeException e) {
      // It has ended (stopped from before): the next change starts it again.
    }
  }

  /** The SLO is deleted: its Promise forgets it (a Promise that is gone has nothing to forget). */
  private void detach() {
    try {
      promise().sloDetached(state.name);
    } catch (RuntimeException e) {
      // The Promise is gone.
    }
  }

  private PromiseWorkflow promise() {
    return Workflow.newExternalWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(state.promise));
  }

  private boolean woken() {
    if (webhookCall != null) return webhookCall.isCompleted() || !state.pending.isEmpty() || state.deleteRequested
        || state.applied != null;
    return !state.pending.isEmpty() || state.deleteRequested || state.applied != null || continueAsNewDue();
  }

  /**
   * The SLO as applied again. Only a signal of this kind does anything here, so histories recorded before it
   * existed replay unchanged. A new Promise is upserted at once; the alert state follows from the next evaluation.
   */
  private void takeIn(Slo slo, boolean tellsPromise) {
    state.applied = null;
    String promise = slo.indicator().source().promise();
    state.indicator = slo.indicator().source().sli().text();
    state.withinMillis = SloRef.of(slo).withinMillis();
    state.ledger = state.ledger.withPolicy(slo.policy());
    state.canary = slo.indicator().source().canary();
    // The Promise shows and forwards the SLO as it is now; moved to another Promise, the old one forgets it.
    state.reportDue = true;
    if (!promise.equals(state.promise)) {
      if (tellsPromise && state.attached) detach();
      state.attached = false;
      state.attachRetryAt = 0;
      state.attachRetryMillis = 0;
      state.promise = promise;
      SearchAttributes.upsert("SLO", promise, null, null);
    }
  }

  /** The policy of the other workflows (ContinueAsNew), with the bound in this workflow's own state. */
  private boolean continueAsNewDue() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > state.maxHistoryEvents;
  }

  private void changeAlert(SloEvaluation e, long now) {
    AlertState to = e.alertState();
    // The first evaluation records the starting state: no change to tell.
    if (webhooks && state.alertSince >= 0 && now >= state.webhookUnsetUntil) {
      state.webhookOutbox.add(new AlertNotice(state.name, state.promise, state.alertState, to,
          Instant.ofEpochMilli(now).toString(), e.sli(), e.objective(), e.errorBudgetRemaining(), e.burnRates().asMap()));
      // Full: the oldest waiting change goes (not the one in flight, at the head, whose answer is still to come).
      if (state.webhookOutbox.size() > SloWorkflowState.MAX_WEBHOOK_OUTBOX) {
        state.webhookOutbox.remove(webhookCall == null ? 0 : 1);
      }
    }
    state.alertState = to;
    state.alertSince = now;
    state.alertChanges.add(new AlertChange(now, to));
    state.reportDue = true;
    if (state.alertChanges.size() > SloWorkflowState.MAX_ALERT_CHANGES) state.alertChanges.remove(0);
    SearchAttributes.upsert("SLO", state.promise, null, phase(to));
  }

  /**
   * POSTs the oldest change not sent yet, one call at a time, without waiting for it: the loop takes the answer when
   * it next wakes. A change that could not be sent in its attempts is logged, shown in the status, and dropped.
   */
  private void sendWebhook(long now) {
    if (webhookCall != null) {
      if (!webhookCall.isCompleted()) return;
      AlertNotice sent = state.webhookOutbox.remove(0);
      String change = sent.from().name().toLowerCase() + " -> " + sent.to().name().toLowerCase() + " at " + sent.at();
      try {
        if (webhookCall.get()) {
          state.webhook = "sent " + change;
        } else {
          state.webhookOutbox.clear();
          state.webhookUnsetUntil = now + WEBHOOK_UNSET_RECHECK.toMillis();
          state.webhook = "no webhook URL set (kratix.slo.webhook.url)";
        }
      } catch (ActivityFailure f) {
        Throwable cause = f.getCause();
        String why = cause instanceof ApplicationFailure a ? a.getOriginalMessage()
            : cause == null ? f.getMessage() : cause.getMessage();
        state.webhook = "not sent " + change + ": " + why;
        Workflow.getLogger(SloWorkflowImpl.class).warn("SLO {}: alert webhook gave up on {}: {}", state.name, change, why);
      }
      webhookCall = null;
    }
    if (!state.webhookOutbox.isEmpty()) {
      webhookCall = Async.function(Stubs.alertWebhook()::notifyAlertChange, state.webhookOutbox.get(0));
    }
  }

  private static String phase(AlertState s) {
    return s.name().toLowerCase();
  }

  @Override
  public void observe(Observation observation) {
    state.pending.add(observation);
  }

  @Override
  public void observeAll(List<Observation> observations) {
    state.pending.addAll(observations);
  }

  @Override
  public void apply(Slo slo) {
    state.applied = slo;
  }

  @Override
  public void delete() {
    state.deleteRequested = true;
  }

  @Override
  public SloStatus status() {
    SloEvaluation e = state.ledger.evaluate(state.evaluatedAt);
    return new SloStatus(state.name, state.promise, state.indicator, e.sli(), e.objective(), e.errorBudgetRemaining(),
        e.burnRates().asMap(), state.alertState, state.alertSince, e.window().good(), e.window().total(),
        state.goodTotal, state.eventsTotal, state.evaluatedAt, List.copyOf(state.alertChanges), state.attachment,
        state.webhook);
  }
}

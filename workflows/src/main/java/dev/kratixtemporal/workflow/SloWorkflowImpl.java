package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.logic.slo.SloEvaluation;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import dev.kratixtemporal.model.slo.Slo;
import java.util.List;

/**
 * Handlers record events; the loop counts them, re-evaluates, and sleeps until the next event or the next moment a
 * window lets old events go (so the alert state follows time with no events at all). All times are workflow time.
 */
public class SloWorkflowImpl implements SloWorkflow {
  private final SloWorkflowState state;

  @WorkflowInit
  public SloWorkflowImpl(SloWorkflowState state) {
    this.state = state;
  }

  @Override
  public void run(SloWorkflowState ignored) {
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (state.applied != null) takeIn(state.applied);
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
      if (state.alertSince < 0 || e.alertState() != state.alertState) changeAlert(e.alertState(), now);
      if (state.deleteRequested) return;
      if (continueAsNewDue()) {
        ContinueAsNew.now(state);
      }
      long next = state.ledger.nextChange(now);
      if (next < 0) {
        Workflow.await(this::woken);
      } else {
        Reconciliation.conditionWins(Duration.ofMillis(next - now), this::woken);
      }
    }
  }

  private boolean woken() {
    return !state.pending.isEmpty() || state.deleteRequested || state.applied != null || continueAsNewDue();
  }

  /**
   * The SLO as applied again. Only a signal of this kind does anything here, so histories recorded before it
   * existed replay unchanged. A new Promise is upserted at once; the alert state follows from the next evaluation.
   */
  private void takeIn(Slo slo) {
    state.applied = null;
    String promise = slo.indicator().source().promise();
    state.indicator = slo.indicator().source().sli().text();
    state.ledger = state.ledger.withPolicy(slo.policy());
    if (!promise.equals(state.promise)) {
      state.promise = promise;
      SearchAttributes.upsert("SLO", promise, null, null);
    }
  }

  /** The policy of the other workflows (ContinueAsNew), with the bound in this workflow's own state. */
  private boolean continueAsNewDue() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > state.maxHistoryEvents;
  }

  private void changeAlert(AlertState to, long now) {
    state.alertState = to;
    state.alertSince = now;
    state.alertChanges.add(new AlertChange(now, to));
    if (state.alertChanges.size() > SloWorkflowState.MAX_ALERT_CHANGES) state.alertChanges.remove(0);
    SearchAttributes.upsert("SLO", state.promise, null, phase(to));
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
        state.goodTotal, state.eventsTotal, state.evaluatedAt, List.copyOf(state.alertChanges));
  }
}

package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.CanaryActivities;
import dev.kratixtemporal.activity.CanaryCheck;
import dev.kratixtemporal.activity.RequestKind;
import dev.kratixtemporal.model.slo.Canary;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Every interval: one request of the Promise, applied through the real request workflow (so its pipelines run and
 * the request sends its own provisioning event to the SLO), watched until Reconciled or the timeout, then deleted and
 * watched until gone. The request's status is polled, since a request tells nobody but its SLOs when it is
 * Reconciled: every 2 s at first, doubling to 30 s, a few dozen history events per canary. All times are workflow time.
 */
public class CanaryWorkflowImpl implements CanaryWorkflow {
  static final Duration FIRST_POLL = Duration.ofSeconds(2);
  static final Duration MAX_POLL = Duration.ofSeconds(30);

  private final CanaryWorkflowState state;
  private final CanaryActivities world = Stubs.canaries();

  @WorkflowInit
  public CanaryWorkflowImpl(CanaryWorkflowState state) {
    this.state = state;
  }

  @Override
  public void run(CanaryWorkflowState ignored) {
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (state.nextAt > now) Workflow.await(Duration.ofMillis(state.nextAt - now), () -> state.stopRequested);
      if (state.stopRequested) return;
      state.nextAt = Workflow.currentTimeMillis() + state.canary.interval().toMillis();
      runOne();
      if (state.stopRequested) return;
      if (Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > state.maxHistoryEvents) {
        ContinueAsNew.now(state);
      }
    }
  }

  /** One canary, from apply to gone; a stop on the way cuts the wait for Reconciled short, never the delete. */
  private void runOne() {
    RequestKind kind = world.requestKind(state.promise);
    if (kind == null) {
      state.skipped = "Promise " + state.promise + " not found";
      return;
    }
    state.skipped = null;
    state.applied++;
    String name = state.slo + "-canary-" + state.applied;
    String id = WorkflowIds.resource(state.promise, Canary.NAMESPACE, name);
    state.inFlight = id;
    try {
      world.applyRequest(id, state.canary.request(kind.apiVersion(), kind.kind(), name, state.slo));
    } catch (ActivityFailure e) {
      // Refused by the request's workflow (a spec its Promise rejects): nothing was created.
      state.inFlight = null;
      state.skipped = "canary " + name + " refused: " + (e.getCause() instanceof ApplicationFailure a ? a.getOriginalMessage() : e.getMessage());
      return;
    }
    CanaryCheck seen = watch(id, state.canary.timeout(), c -> c != CanaryCheck.PENDING, true);
    if (seen == CanaryCheck.RECONCILED) state.reconciled++;
    else if (!state.stopRequested) state.timedOut++;
    world.deleteRequest(id);
    // Gone within the timeout, or left to its workflow: the next canary has another name either way.
    watch(id, state.canary.timeout(), c -> c == CanaryCheck.GONE, false);
    state.inFlight = null;
  }

  /** Polls the request until {@code done} holds or the timeout passes; answers what it saw last. */
  private CanaryCheck watch(String id, Duration timeout, Predicate<CanaryCheck> done, boolean stoppable) {
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    Duration poll = FIRST_POLL;
    while (true) {
      CanaryCheck seen = world.check(id);
      long left = deadline - Workflow.currentTimeMillis();
      if (done.test(seen) || left <= 0 || (stoppable && state.stopRequested)) return seen;
      Duration wait = Duration.ofMillis(Math.min(poll.toMillis(), left));
      if (stoppable) Workflow.await(wait, () -> state.stopRequested);
      else Workflow.sleep(wait);
      poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
    }
  }

  @Override
  public void apply(String promise, Canary canary) {
    state.promise = promise;
    state.canary = canary;
  }

  @Override
  public void stop() {
    state.stopRequested = true;
  }

  @Override
  public CanaryStatus status() {
    return new CanaryStatus(state.slo, state.promise, state.applied, state.reconciled, state.timedOut, state.inFlight,
        state.skipped);
  }
}

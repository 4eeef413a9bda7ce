package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.StateStore;
import java.time.Duration;
import java.util.function.Supplier;
import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/** One GitStateStore or BucketStateStore: its configuration and readiness (Kratix docs: GitStateStore; BucketStateStore). */
public class StateStoreWorkflowImpl extends EntityWorkflowImpl<StateStoreWorkflowState>
    implements StateStoreWorkflow {
  private static final Duration FIRST_RECHECK = Duration.ofSeconds(15);
  private static final Duration MAX_RECHECK = Duration.ofMinutes(5);
  /** A Ready store is checked this often, so a remote that went down shows as NotReady rather than Ready. */
  static final Duration READY_RECHECK = Duration.ofMinutes(1);
  /** Histories recorded before ready stores were rechecked issue no timer while Ready. */
  static final String RECHECK_READY = "recheck-ready-store";

  private final String kind;
  private final String name;
  /** How long a NotReady store waits before its next check: 15 s, doubling to 5 min. */
  private Duration recheck = FIRST_RECHECK;

  @WorkflowInit
  public StateStoreWorkflowImpl(StateStoreWorkflowState state) {
    super(state);
    String id = Workflow.getInfo().getWorkflowId();
    this.kind = id.startsWith("bucketstatestore/") ? "BucketStateStore" : "GitStateStore";
    this.name = id.substring(id.indexOf('/') + 1);
  }

  @Override
  public void run(StateStoreWorkflowState ignored) {
    loop();
  }

  /**
   * A NotReady store is checked again, 15 s doubling to 5 min, as Kratix requeues it: a server that comes back makes
   * it Ready without a change. A Ready store is checked every minute, so that one that went down shows as NotReady.
   */
  @Override
  protected void await(Supplier<Boolean> woken) {
    while (true) {
      boolean notReady = "NotReady".equals(state.status.path("status").asText());
      if (notReady && !state.deleteRequested && !state.runRequested) {
        if (!Workflow.await(recheck, () -> state.deleteRequested || state.runRequested)) state.runRequested = true;
        recheck = recheck.multipliedBy(2).compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : recheck.multipliedBy(2);
      } else {
        recheck = FIRST_RECHECK;
        boolean ready = "Ready".equals(state.status.path("status").asText());
        if (ready && !state.deleteRequested && !state.runRequested
            && Workflow.getVersion(RECHECK_READY, Workflow.DEFAULT_VERSION, 1) >= 1
            && !Workflow.await(READY_RECHECK, () -> state.deleteRequested || state.runRequested
                || Workflow.getInfo().isContinueAsNewSuggested())) {
          recheckReady();
          continue;
        }
      }
      Workflow.await(woken);
      return;
    }
  }

  @Override
  protected void act() {
    converge();
  }

  @Override
  protected void deleteObject() {
    platform().unregistered(kind, name);
  }

  private void converge() {
    state.runRequested = false;
    SearchAttributes.upsert(kind, null, null, "Pending");
    record(check());
  }

  /** A store still ready changes nothing; one that is not any more is recorded and the platform told. */
  private void recheckReady() {
    Readiness now = check();
    if (!now.ready()) record(now);
  }

  private record Readiness(String reason, String message) {
    boolean ready() {
      return reason.equals("StateStoreReady");
    }
  }

  private Readiness check() {
    try {
      Stubs.storeChecks().checkStore(StateStore.parse(state.document));
      return new Readiness("StateStoreReady", "State store is ready");
    } catch (ActivityFailure e) {
      // The activity names the reason: Kratix's (SecretNotFound, ErrorInitialisingWriter, ErrorValidatingPermissions)
      // or ours (StateStoreUnreachable, StatePathThroughLink).
      ApplicationFailure af = e.getCause() instanceof ApplicationFailure a ? a : null;
      return new Readiness(af != null && af.getType().matches("[A-Z][A-Za-z]+") ? af.getType() : "StateStoreError",
          af != null ? af.getOriginalMessage() : e.getMessage());
    }
  }

  private void record(Readiness readiness) {
    String reason = readiness.reason();
    String message = readiness.message();
    boolean ready = readiness.ready();
    Conditions.set(state.status, Conditions.READY, ready ? "True" : "False", reason, message, Stubs.now());
    state.status.put("status", ready ? "Ready" : "NotReady");
    state.status.put("observedGeneration", state.generation);
    SearchAttributes.upsert(kind, null, null, ready ? "Ready" : "NotReady");
    if (!Delivery.snapshots()) {
      platform().storeRegistered(kind, name);
      return;
    }
    // Only a change is news: a NotReady store rechecked and still NotReady tells nobody.
    long rechecks = state.storeReport == null ? 0 : state.storeReport.rechecks();
    if (state.forceRun) rechecks++;
    state.forceRun = false;
    StoreReport report = new StoreReport(kind, StateStore.parse(state.document), ready, rechecks);
    if (report.equals(state.storeReport)) return;
    state.storeReport = report;
    platform().storeReported(report);
  }

  private static PlatformWorkflow platform() {
    return Workflow.newExternalWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    Reconciliation.accept(state, document);
    return new ApplyResult(kind, name, "", Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    if (!kind.equals(Docs.kind(document)) || !Docs.name(document).equals(name)) {
      throw new InvalidDocumentException("metadata.name", "must be " + kind + " " + name + " for this workflow");
    }
    StateStore.parse(document);
  }

}

package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.activity.StoreState;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.DestinationLayout;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.OutputFile;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** One Destination: readiness of its store and the canary files (Kratix docs: Destination; Destination registration (canary) and deletion). */
public class DestinationWorkflowImpl extends EntityWorkflowImpl<DestinationWorkflowState>
    implements DestinationWorkflow {
  static final String CANARY_NAMESPACE = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: kratix-worker-system
      """;
  static final String CANARY_CONFIGMAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kratix-info
        namespace: kratix-worker-system
      data:
        canary: this confirms your infrastructure is reading from Kratix state stores
      """;

  /** A canary write that failed for a reason in the world is tried again after this long. */
  private static final Duration CANARY_RETRY = Duration.ofSeconds(30);
  private static final Duration CLEANUP_RETRY = Duration.ofMinutes(1);
  private static final Duration MAX_CLEANUP_RETRY = Duration.ofMinutes(15);

  private final String name;
  /** Workflow-clock millis of the next canary write after one failed; 0 when none is due. */
  private long retryCanaryAt;

  @WorkflowInit
  public DestinationWorkflowImpl(DestinationWorkflowState state) {
    super(state);
    this.name = Workflow.getInfo().getWorkflowId().substring("destination/".length());
  }

  @Override
  public void run(DestinationWorkflowState ignored) {
    loop();
  }

  /** A canary write that failed is tried again at its time. */
  @Override
  protected void await(Supplier<Boolean> woken) {
    if (retryCanaryAt <= 0) {
      Workflow.await(woken);
    } else if (!Workflow.await(Duration.ofMillis(Math.max(0, retryCanaryAt - Workflow.currentTimeMillis())), woken)) {
      state.runRequested = true;
    }
  }

  @Override
  protected void act() {
    converge();
  }

  @Override
  protected void deleteObject() {
    cleanUp();
    platform().unregistered("Destination", name);
  }

  private void converge() {
    state.runRequested = false;
    retryCanaryAt = 0;
    Destination d = Destination.parse(state.document);
    SearchAttributes.upsert("Destination", null, null, "Pending");
    boolean reports = Delivery.snapshots();
    if (!state.registered) {
      // In the catalog before looking at the store, so a store that becomes ready later tells us.
      if (reports) report(new DestinationReport(d, false));
      else platform().destinationRegistered(name);
      state.registered = true;
    }
    StoreState store = Stubs.catalog().store(d.stateStoreRef());
    String now = Stubs.now();
    if (!store.exists()) {
      Conditions.set(state.status, Conditions.READY, "False", "StateStoreNotFound", d.stateStoreRef() + ": not found", now);
    } else if (!store.ready()) {
      Conditions.set(state.status, Conditions.READY, "False", "StateStoreNotReady", d.stateStoreRef() + ": not ready", now);
    } else {
      List<String> canaries = DestinationLayout.of(d).canaryPaths();
      String refused = d.initWorkloads()
          ? canaryFailure(new StoreChange(store.store(), List.of(), Blobs.store(List.of(
              new OutputFile(canaries.get(0), CANARY_NAMESPACE), new OutputFile(canaries.get(1), CANARY_CONFIGMAP))),
              "Update from: kratix-canary", null))
          : canaryFailure(new StoreChange(store.store(), canaries, List.of(), "Delete from: kratix-canary", null));
      if (refused != null) {
        Conditions.set(state.status, Conditions.READY, "False", "StateStoreWriteFailed", refused, Stubs.now());
      } else if (d.initWorkloads()) {
        Conditions.set(state.status, Conditions.READY, "True", "TestDocumentsWritten", "Test documents written to State Store", Stubs.now());
      } else {
        Conditions.set(state.status, Conditions.READY, "True", "DestinationReady", "Destination is ready", Stubs.now());
      }
    }
    state.status.put("observedGeneration", state.generation);
    boolean ready = Conditions.isTrue(state.status, Conditions.READY);
    SearchAttributes.upsert("Destination", null, null, ready ? "Ready" : "NotReady");
    // The platform tells every Promise, which tells its requests: pending work may now be placed. Only a change
    // is news: a recheck that finds the same is not sent.
    if (reports) report(new DestinationReport(d, ready));
    else platform().destinationRegistered(name);
  }

  private void report(DestinationReport report) {
    if (report.equals(state.destinationReport)) return;
    state.destinationReport = report;
    platform().destinationReported(report);
  }

  /**
   * cleanup: all removes everything Kratix wrote for this Destination (its placements and canary files);
   * cleanup: none leaves the files where they are (Kratix docs: Destination registration (canary) and deletion).
   * A removal that does not go through (the store down past the write's retries, its Secret missing) waits and is
   * tried again, 1 min doubling to 15 min, the status saying why: the files are not forgotten.
   */
  private void cleanUp() {
    if (state.document == null) return;
    Destination d = Destination.parse(state.document);
    if (!"all".equals(d.cleanup())) return;
    Duration wait = CLEANUP_RETRY;
    while (true) {
      StoreState store = Stubs.catalog().store(d.stateStoreRef());
      if (store.store() == null) return;
      List<String> remove = DestinationLayout.of(d).everything();
      try {
        Stubs.stores().writeState(new StoreChange(store.store(), remove, List.of(), "Delete from: " + name, null));
        return;
      } catch (ActivityFailure e) {
        // A refused removal (an unsafe path) leaves nothing to remove: the Destination is deleted all the same.
        if (e.getCause() instanceof ApplicationFailure af && af.isNonRetryable()
            && af.getType().startsWith("StatePath")) {
          return;
        }
        Conditions.set(state.status, Conditions.READY, "False", "CleanupWaiting", "removing the files of Destination "
            + name + " from " + d.stateStoreRef() + " waits: " + ConfigureRun.rootMessage(e), Stubs.now());
      }
      Workflow.sleep(wait);
      // The new run, still deleting, tries again at once.
      ContinueAsNew.ifDue(state, settings);
      wait = wait.multipliedBy(2).compareTo(MAX_CLEANUP_RETRY) > 0 ? MAX_CLEANUP_RETRY : wait.multipliedBy(2);
    }
  }

  /**
   * Writes (or removes) the canary files as part of the readiness check: a few attempts, then what went wrong
   * becomes the Destination's status. Retrying without bound here would keep the workflow from hearing that its
   * store went down, and leave it Ready.
   */
  private String canaryFailure(StoreChange change) {
    try {
      Stubs.storeChecks().writeState(change);
      return null;
    } catch (ActivityFailure e) {
      // A refusal (an unsafe path) stays until the document changes; anything else is tried again later.
      boolean refused = e.getCause() instanceof ApplicationFailure af && af.isNonRetryable();
      if (!refused) retryCanaryAt = Workflow.currentTimeMillis() + CANARY_RETRY.toMillis();
      return ConfigureRun.rootMessage(e);
    }
  }

  private static PlatformWorkflow platform() {
    return Workflow.newExternalWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    Reconciliation.accept(state, document);
    return new ApplyResult("Destination", name, "", Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    Destination d = Destination.parse(document);
    if (!d.name().equals(name)) throw new InvalidDocumentException("metadata.name", "must be " + name + " for this workflow");
    if (state.document != null) d.requireChangeableFrom(Destination.parse(state.document));
  }

  @Override
  public void storeChanged() {
    state.runRequested = true;
  }

}

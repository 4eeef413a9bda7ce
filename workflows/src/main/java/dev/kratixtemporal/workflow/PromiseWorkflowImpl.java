package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.logic.Requirements;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.PromiseVersion;
import dev.kratixtemporal.activity.ReadyDestinations;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.Map;
import dev.kratixtemporal.logic.WorkflowStatus;
import dev.kratixtemporal.logic.slo.PromiseSloStatus;
import dev.kratixtemporal.logic.slo.SloReport;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.SloRef;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.model.SourcedSelector;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** One Promise, from apply to delete (Kratix docs: Promise lifecycle). */
public class PromiseWorkflowImpl extends EntityWorkflowImpl<PromiseWorkflowState> implements PromiseWorkflow {
  static final String STATIC_WORK = "static";
  private static final String PIPELINE_NAMESPACE = "kratix-platform-system";
  /** A request that does not report back within this time no longer holds a converge slot. */
  private static final Duration CONVERGE_SLOT_TIMEOUT = Duration.ofMinutes(30);
  /** Histories recorded before: a run that continued as new while converging requests did so without settings. */
  static final String SETTINGS_AFTER_CONTINUE = "converge-settings-after-continue";

  private final Delivery delivery;
  private final String name;
  /** A version not seen before was applied: Promises that require this one recheck. */
  private boolean newRevision;

  @WorkflowInit
  public PromiseWorkflowImpl(PromiseWorkflowState state) {
    super(state);
    this.delivery = new Delivery(state);
    this.name = Workflow.getInfo().getWorkflowId().substring("promise/".length());
  }

  @Override
  public void run(PromiseWorkflowState ignored) {
    loop();
  }

  @Override
  protected boolean hasWork() {
    return state.runRequested || state.destinationsChanged || !state.convergeQueue.isEmpty()
        || !state.notifyQueue.isEmpty() || !state.sloQueue.isEmpty();
  }

  @Override
  protected void await(Supplier<Boolean> woken) {
    Reconciliation.await(state, woken::get);
  }

  @Override
  protected void act() {
    if (state.runRequested) converge();
    else if (!state.convergeQueue.isEmpty()) convergeRequests();
    else if (state.destinationsChanged) redeliver();
    else if (!state.notifyQueue.isEmpty()) notifyRequests();
    else tellRequestsSlos();
    Reconciliation.scheduleRewrite(state, settings);
  }

  private void converge() {
    state.runRequested = false;
    state.destinationsChanged = false;
    if (settings == null) settings = Stubs.catalog().settings();
    Promise promise = Promise.parse(state.document);
    platform().promiseRegistered(name, promise.api());
    state.status.put("version", promise.version());
    if (newRevision) {
      newRevision = false;
      platform().promiseAvailabilityChanged(name);
    }
    if (Reconciliation.checkPaused(state, Reconciliation.paused(state.document))) {
      Conditions.set(state.status, Conditions.AVAILABLE, "False", "PausedReconciliation", "Paused", Stubs.now());
      state.status.put("status", "Unavailable");
      SearchAttributes.upsert("Promise", name, null, "Paused");
      signalRequests();
      return;
    }
    if (!requirementsMet(promise)) return;
    String hash = Hashing.specHash(Docs.spec(state.document));
    boolean resume = state.resumeRequested && state.suspendedAt >= 0 && hash.equals(state.lastRunHash) && !state.forceRun;
    if (!resume) state.resumeRequested = false;
    if (hash.equals(state.lastRunHash) && !state.forceRun && !resume) {
      if (!"Available".equals(state.status.path("status").asText()) && configured()) {
        // Nothing to rerun, and what held it back (its requirements) is gone.
        setAvailability(true, Stubs.now());
        signalRequests();
      }
      redeliver();
      return;
    }
    SearchAttributes.upsert("Promise", name, null, "Pending");
    state.forceRun = false;
    String now = Stubs.now();
    setAvailability(false, now);
    if (promise.api() != null) {
      state.status.put("kind", promise.api().kind()).put("apiVersion", promise.api().apiVersion().toLowerCase());
    }
    deliverDependencies(promise);
    if (!promise.promiseConfigure().isEmpty()) {
      ConfigureRun run = new ConfigureRun(state, delivery, "promise", name, "promises", promise.pipelineNamespace());
      ConfigureRun.Outcome outcome = run.run(promise.promiseConfigure(), promise.destinationSelectors(), (p, groups) ->
          new Work(name + "-" + p.name(), name, null,
              promise.pipelineNamespace().isEmpty() ? PIPELINE_NAMESPACE : promise.pipelineNamespace(), p.name(), groups));
      if (outcome == ConfigureRun.Outcome.RESTARTED) return;
      if (outcome != ConfigureRun.Outcome.SUSPENDED) {
        SloSignals.observe(sloRefs(), Sli.Kind.PIPELINE, outcome == ConfigureRun.Outcome.COMPLETED);
      }
      state.lastRunHash = hash;
      if (outcome == ConfigureRun.Outcome.SUSPENDED) {
        Conditions.set(state.status, Conditions.AVAILABLE, "False", "WorkflowSuspended", "Suspended", Stubs.now());
        SearchAttributes.upsert("Promise", name, null, "Suspended");
        return;
      }
      Reconciliation.scheduleNext(state, settings, promise.reconciliationInterval(), outcome == ConfigureRun.Outcome.FAILED);
      if (outcome == ConfigureRun.Outcome.FAILED) {
        SearchAttributes.upsert("Promise", name, null, "Failed");
        return;
      }
      if ("Pending".equals(state.status.path("message").asText())) state.status.put("message", "Promise configured");
    } else {
      state.lastRunHash = hash;
      state.status.put("workflows", 0).put("workflowsSucceeded", 0).put("workflowsFailed", 0);
    }
    now = Stubs.now();
    worksStatus(true);
    state.status.put("observedGeneration", state.generation);
    setAvailability(true, now);
    SearchAttributes.upsert("Promise", name, null, "Available");
    signalRequests();
  }

  /**
   * Checks requiredPromises (Kratix docs: requiredPromises). Unmet, the Promise is Unavailable and its requests wait; met again, it
   * carries on where it was.
   */
  private boolean requirementsMet(Promise promise) {
    if (promise.requiredPromises().isEmpty() && !state.status.has("requiredPromises")) return true;
    Map<String, PromiseSnapshot> found = new HashMap<>();
    for (Promise.RequiredPromise r : promise.requiredPromises()) found.put(r.name(), Stubs.catalog().promise(r.name(), null));
    List<Requirements.Status> statuses = Requirements.evaluate(promise.requiredPromises(), found);
    state.status.set("requiredPromises", KratixYaml.JSON.valueToTree(statuses));
    String now = Stubs.now();
    if (Requirements.allInstalled(statuses)) {
      Conditions.set(state.status, "RequirementsFulfilled", "True", "RequirementsInstalled", "Requirements fulfilled", now);
      return true;
    }
    boolean missing = statuses.stream().anyMatch(s -> !s.state().equals(Requirements.NOT_AVAILABLE)
        && !s.state().equals(Requirements.INSTALLED));
    Conditions.set(state.status, "RequirementsFulfilled", "False",
        missing ? "RequirementsNotInstalled" : "RequirementsNotAvailable", "Requirements not fulfilled", now);
    Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "RequirementsNotFulfilled", "Pending", now);
    setAvailability(false, now);
    signalRequests();
    return false;
  }

  /** The last configure workflow ran through (or there is none). */
  private boolean configured() {
    return state.lastRunHash != null && (Conditions.get(state.status, Conditions.CONFIGURE_COMPLETED) == null
        || Conditions.isTrue(state.status, Conditions.CONFIGURE_COMPLETED));
  }

  /** Every request converges to this Promise, a few at a time (Kratix docs: Promise updates). */
  private void signalRequests() {
    enqueue(state.requests, state.convergeQueue, state.converging);
  }

  /** Appends to the queue every id not in it already, nor in any of the others (sets: thousands of requests). */
  @SafeVarargs
  private static void enqueue(List<String> ids, List<String> queue, List<String>... others) {
    java.util.Set<String> present = new java.util.HashSet<>(queue);
    for (List<String> other : others) present.addAll(other);
    for (String id : ids) if (present.add(id)) queue.add(id);
  }

  private void convergeRequests() {
    // A run that continued as new in the middle of converging has not read the settings yet: without them it went
    // on one request at a time (and never continued as new past max-history-events).
    if (settings == null && Workflow.getVersion(SETTINGS_AFTER_CONTINUE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      settings = Stubs.catalog().settings();
    }
    int limit = Math.max(1, settings == null ? 1 : settings.convergeConcurrency());
    boolean inParallel = Delivery.snapshots();
    ConvergeSlots slots = new ConvergeSlots();
    while (!state.convergeQueue.isEmpty() && !state.runRequested && !state.deleteRequested) {
      if (inParallel) {
        List<String> batch = new ArrayList<>();
        while (state.converging.size() + batch.size() < limit && !state.convergeQueue.isEmpty()) {
          batch.add(state.convergeQueue.remove(0));
        }
        state.converging.addAll(batch);
        boolean force = state.forceRequests;
        PromiseVersion version = version();
        forget(FanOut.send(batch, id -> {
          ResourceWorkflow stub = request(id);
          if (force) stub.reconcile();
          stub.promiseChanged(version);
        }));
      } else {
        while (state.converging.size() < limit && !state.convergeQueue.isEmpty()) {
          String request = state.convergeQueue.remove(0);
          try {
            ResourceWorkflow stub = request(request);
            if (state.forceRequests) stub.reconcile();
            stub.promiseChanged(version());
            state.converging.add(request);
          } catch (RuntimeException e) {
            state.requests.remove(request);
          }
        }
      }
      if (inParallel) {
        slots.await(limit);
        // Thousands of requests converge over many runs of this workflow: the queues are part of its state.
        if (ContinueAsNew.due(settings)) {
          slots.stop();
          ContinueAsNew.now(state);
        }
      } else {
        boolean freed = Workflow.await(CONVERGE_SLOT_TIMEOUT, () -> state.converging.size() < limit
            || state.runRequested || state.deleteRequested);
        if (!freed) state.converging.clear();
      }
    }
    slots.stop();
    if (state.convergeQueue.isEmpty()) state.forceRequests = false;
  }

  /**
   * Waits for a converge slot to free. One timer sweeps every {@link #CONVERGE_SLOT_TIMEOUT}, instead of one per
   * wait: a request converging since before the sweep started, and still converging when it fires, gives its slot up.
   */
  private final class ConvergeSlots {
    private CancellationScope scope;
    private io.temporal.workflow.Promise<Void> sweep;
    private List<String> since;

    void await(int limit) {
      if (sweep == null) {
        since = new ArrayList<>(state.converging);
        scope = Workflow.newCancellationScope(() -> sweep = Workflow.newTimer(CONVERGE_SLOT_TIMEOUT));
        scope.run();
      }
      Workflow.await(() -> state.converging.size() < limit || state.runRequested || state.deleteRequested
          || ContinueAsNew.due(settings) || sweep.isCompleted());
      if (sweep.isCompleted()) {
        state.converging.removeAll(since);
        sweep = null;
      }
    }

    void stop() {
      if (sweep != null && !sweep.isCompleted()) {
        sweep.exceptionally(cancelled -> null); // read, so the SDK does not warn of it
        scope.cancel();
      }
      sweep = null;
    }
  }

  /** This Promise as its requests' reads of it will show it now. */
  private PromiseVersion version() {
    return new PromiseVersion(state.generation, "Available".equals(state.status.path("status").asText()),
        Hashing.specHash(Docs.spec(state.document)));
  }

  /** Sends the newest ready-Destination snapshot to the requests still waiting for it, a batch at a time. */
  private void notifyRequests() {
    while (!state.notifyQueue.isEmpty() && !state.runRequested && !state.deleteRequested) {
      ReadyDestinations ready = state.destinations;
      forget(FanOut.send(FanOut.take(state.notifyQueue), id -> request(id).destinationsChanged(ready)));
      ContinueAsNew.ifDue(state, settings);
    }
  }

  /**
   * Sends the Promise's SLOs to the requests queued when they changed, a batch at a time: one signal each, and no
   * request runs anything again (docs/slos.md, "Where the events come from").
   */
  private void tellRequestsSlos() {
    while (!state.sloQueue.isEmpty() && !state.runRequested && !state.deleteRequested) {
      List<SloRef> refs = sloRefs();
      forget(FanOut.send(FanOut.take(state.sloQueue), id -> request(id).slosChanged(refs)));
      ContinueAsNew.ifDue(state, settings);
    }
  }

  private List<SloRef> sloRefs() {
    return state.slos.values().stream().map(SloReport::slo).toList();
  }

  /** Requests whose workflow has ended are no longer this Promise's. */
  private void forget(List<String> gone) {
    for (String id : gone) requestRemoved(id);
  }

  private static ResourceWorkflow request(String workflowId) {
    return Workflow.newExternalWorkflowStub(ResourceWorkflow.class, workflowId);
  }

  /** Static dependencies go out as one Work with one file, to every matching Destination (Kratix docs: Promise reconciliation). */
  private void deliverDependencies(Promise promise) {
    List<DestinationState> destinations = delivery.destinations();
    if (promise.dependencies().isEmpty()) {
      Work old = state.works.remove(STATIC_WORK);
      if (old != null) {
        delivery.retire(old, destinations);
        Blobs.retain(state);
      }
      return;
    }
    List<SourcedSelector> selectors = promise.destinationSelectors().stream()
        .map(s -> new SourcedSelector(s, SourcedSelector.PROMISE)).toList();
    List<FileRef> files = Blobs.store(List.of(
        new OutputFile("static/" + name + "-dependencies.yaml", KratixYaml.toYaml(promise.dependencies()))));
    WorkloadGroup group = new WorkloadGroup(Hashing.groupId("."), ".", files, selectors);
    Work work = new Work(name + "-static-deps", name, null, PIPELINE_NAMESPACE, null, List.of(group));
    state.works.put(STATIC_WORK, work);
    Blobs.retain(state);
    delivery.deliver(work, destinations, true);
  }

  /** New Destinations get this Promise's dependencies; its requests get a chance to place what waited. */
  private void redeliver() {
    state.destinationsChanged = false;
    boolean rewrite = state.rewriteRequested;
    state.rewriteRequested = false;
    List<DestinationState> destinations = delivery.destinations();
    for (Work work : state.works.values()) delivery.deliver(work, destinations, rewrite);
    delivery.removeRetired(destinations);
    if (configured()) worksStatus(false);
    if (rewrite && Delivery.snapshots()) return;
    if (Delivery.snapshots()) {
      // Each request decides whether the snapshot concerns it; sent from the loop, a batch at a time.
      enqueue(state.requests, state.notifyQueue);
      return;
    }
    for (String request : List.copyOf(state.requests)) {
      try {
        request(request).destinationsChanged(null);
      } catch (RuntimeException e) {
        state.requests.remove(request);
      }
    }
  }

  /**
   * WorksSucceeded and Reconciled after a delivery: a write that gave up is named (it is tried again later,
   * docs/store-writes.md); otherwise they are True after a run, or again True once a failed write went through.
   */
  private void worksStatus(boolean afterRun) {
    String now = Stubs.now();
    List<Delivery.WriteFailure> failed = delivery.takeFailures();
    delivery.takeRefusals();
    List<Delivery.WriteFailure> world = failed.stream().filter(f -> !f.refusal()).toList();
    Reconciliation.scheduleWriteRetry(state, !world.isEmpty());
    if (!failed.isEmpty()) {
      String reason = failed.stream().map(Delivery.WriteFailure::reason).distinct().count() == 1
          ? failed.get(0).reason() : Delivery.STORE_WRITE_FAILED;
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "False", reason, failed.stream()
          .map(Delivery.WriteFailure::message).distinct().collect(java.util.stream.Collectors.joining("; ")), now);
      Conditions.set(state.status, Conditions.RECONCILED, "False", "WorksFailed", "Failing", now);
      return;
    }
    boolean wasFailing = Conditions.isFalse(state.status, Conditions.WORKS_SUCCEEDED);
    if (!afterRun && (!wasFailing || state.placements.values().stream().anyMatch(p -> p.written() == null))) return;
    Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "True", "WorksSucceeded",
        "All works associated with this promise are ready", now);
    Conditions.set(state.status, Conditions.RECONCILED, "True", "Reconciled", "Reconciled", now);
  }

  private void setAvailability(boolean available, String now) {
    boolean changed = available != "Available".equals(state.status.path("status").asText());
    state.status.put("status", available ? "Available" : "Unavailable");
    if (available) {
      Conditions.set(state.status, Conditions.AVAILABLE, "True", "PromiseAvailable", "Ready to fulfil resource requests", now);
      state.status.put("lastAvailableTime", now);
    } else {
      Conditions.set(state.status, Conditions.AVAILABLE, "False", "PromiseUnavailable", "Cannot fulfil resource requests", now);
    }
    ObjectNode kratix = WorkflowStatus.kratix(state.status);
    kratix.put("status", state.status.path("status").asText());
    // Promises that require this one recheck; only a real change is told, so two such Promises cannot loop. Last:
    // signalling ends the workflow task, and a status query in between must see the status whole.
    if (changed) platform().promiseAvailabilityChanged(name);
  }

  /**
   * Deletes the requests (each runs its delete pipeline), runs promise.delete, removes the files, unregisters
   * the API (Kratix docs: delete workflows). A failed delete pipeline blocks deletion until the spec changes or a manual reconcile.
   */
  @Override
  protected void deleteObject() {
    if (!state.deletePipelineRan) {
      setAvailability(false, Stubs.now());
      if (Delivery.snapshots()) {
        deleteRequests();
      } else {
        for (String request : List.copyOf(state.requests)) {
          try {
            request(request).delete();
          } catch (RuntimeException e) {
            state.requests.remove(request);
          }
        }
        Workflow.await(() -> state.requests.isEmpty());
      }
      Promise promise = Promise.parse(state.document);
      if (!promise.promiseDelete().isEmpty()) {
        DeleteRun.runUntilDone(state, settings, "promise", name, promise.promiseDelete().get(0), "promises",
            promise.pipelineNamespace());
      }
      state.deletePipelineRan = true;
    }
    FileRemoval.untilGone(state, delivery, settings);
    state.works.clear();
    Blobs.release();
    platform().unregistered("Promise", name);
  }

  /**
   * Tells every request to delete itself and waits until all have reported gone. Thousands of requests take many
   * runs of this workflow: each new run carries on from its state (deleteRequested, the requests left, and
   * notifyQueue holding those not told yet).
   */
  private void deleteRequests() {
    if (!state.deleteSent) {
      state.notifyQueue = new ArrayList<>(state.requests);
      state.deleteSent = true;
    }
    while (!state.notifyQueue.isEmpty()) {
      forget(FanOut.send(FanOut.take(state.notifyQueue), id -> request(id).delete()));
      ContinueAsNew.ifDue(state, settings);
    }
    while (!state.requests.isEmpty()) {
      Workflow.await(() -> state.requests.isEmpty() || ContinueAsNew.due(settings));
      ContinueAsNew.ifDue(state, settings);
    }
  }

  private static PlatformWorkflow platform() {
    return Workflow.newExternalWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    Reconciliation.accept(state, document);
    if (state.document.path("metadata").path("labels") instanceof ObjectNode labels
        && labels.remove(Reconciliation.RECONCILE_RESOURCES) != null) {
      // Kratix reruns every request of the Promise and removes the label.
      state.forceRequests = true;
      signalRequests();
    }
    // Every version it was applied at stays known, as Kratix's PromiseRevisions do.
    String version = Docs.labels(state.document).getOrDefault("kratix.io/promise-version", "not-set");
    ArrayNode revisions = WorkflowStatus.kratix(state.status).withArray("revisions");
    boolean known = false;
    for (var v : revisions) known |= v.asText().equals(version);
    if (!known) {
      revisions.add(version);
      newRevision = true;
    }
    return new ApplyResult("Promise", name, "", Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    if (state.deleteRequested) throw ApplicationFailure.newFailure("the Promise is being deleted", "Conflict");
    if (!"Promise".equals(Docs.kind(document)) || !Docs.name(document).equals(name)) {
      throw new InvalidDocumentException("metadata.name", "must be Promise " + name + " for this workflow");
    }
    Promise promise = Promise.parse(document);
    if (state.document != null) promise.requireChangeableFrom(Promise.parse(state.document));
  }

  @Override
  public void resume() {
    if (state.suspendedAt < 0) return;
    state.resumeRequested = true;
    state.runRequested = true;
  }

  @Override
  public void destinationsChanged(ReadyDestinations ready) {
    if (ready == null || ready.newerThan(state.destinations)) {
      if (ready != null) state.destinations = ready;
      state.destinationsChanged = true;
    }
  }

  @Override
  public void requirementsChanged() {
    if (state.document != null && state.document.path("spec").has("requiredPromises")) state.runRequested = true;
  }

  @Override
  public void requestAdded(String workflowId) {
    if (!state.requests.contains(workflowId)) state.requests.add(workflowId);
  }

  @Override
  public void requestRemoved(String workflowId) {
    state.requests.remove(workflowId);
    state.convergeQueue.remove(workflowId);
    state.converging.remove(workflowId);
    state.notifyQueue.remove(workflowId);
    state.sloQueue.remove(workflowId);
  }

  @Override
  public void requestConverged(String workflowId) {
    state.converging.remove(workflowId);
  }

  @Override
  public void sloAttached(SloReport report) {
    SloReport before = state.slos.put(report.slo().name(), report);
    PromiseSloStatus.apply(state.status, state.slos.values(), Stubs.now());
    // Only a new SLO, or a changed indicator, concerns the requests; an alert state is for the status.
    if (before == null || !before.slo().equals(report.slo())) enqueue(state.requests, state.sloQueue);
  }

  @Override
  public void sloDetached(String sloName) {
    if (state.slos.remove(sloName) == null) return;
    PromiseSloStatus.apply(state.status, state.slos.values(), Stubs.now());
    enqueue(state.requests, state.sloQueue);
  }

  @Override
  public List<String> requests() {
    return List.copyOf(state.requests);
  }
}

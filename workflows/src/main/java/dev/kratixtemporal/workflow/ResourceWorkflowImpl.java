package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.PromiseVersion;
import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.logic.Health;
import dev.kratixtemporal.logic.WorkflowStatus;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Pipeline;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.SloRef;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** One resource request, from apply to delete (Kratix docs: Resource-request lifecycle). */
public class ResourceWorkflowImpl extends EntityWorkflowImpl<ResourceWorkflowState> implements ResourceWorkflow {
  /** A request whose Promise is missing tries to register again after 1 minute, then less and less often. */
  private static final Duration FIRST_REGISTER_RETRY = Duration.ofMinutes(1);
  private static final Duration MAX_REGISTER_RETRY = Duration.ofHours(1);
  /** Histories recorded before: a report to the Promise that failed once was not sent again. */
  static final String REPORT_RETRIES = "report-converged-retries";
  private static final int REPORT_ATTEMPTS = 4;
  /** Histories recorded before: being told of the very Promise version the run in progress uses restarted it. */
  static final String TOLD_WHILE_RUNNING = "same-promise-version-keeps-run";

  private final Delivery delivery;
  private final String promiseName;
  private final String namespace;
  private final String name;
  private Duration registerRetry = FIRST_REGISTER_RETRY;
  /** The Promise version the configure run in progress uses; null between runs. */
  private PromiseVersion running;

  @WorkflowInit
  public ResourceWorkflowImpl(ResourceWorkflowState state) {
    super(state);
    this.delivery = new Delivery(state);
    String[] id = Workflow.getInfo().getWorkflowId().split("/", 4);
    this.promiseName = id[1];
    this.namespace = id[2];
    this.name = id[3];
  }

  @Override
  public void run(ResourceWorkflowState ignored) {
    loop();
  }

  @Override
  protected boolean hasWork() {
    return state.runRequested || state.destinationsChanged || state.sloWake;
  }

  @Override
  protected void await(Supplier<Boolean> woken) {
    Reconciliation.await(state, woken::get);
  }

  @Override
  protected void act() {
    // Woken for the provisioning measurement alone: nothing else is done.
    boolean sloOnly = state.sloWake && state.registered && !state.runRequested && !state.destinationsChanged;
    state.sloWake = false;
    if (!sloOnly) actOnIntent();
    measureProvisioning();
  }

  private void actOnIntent() {
    if (!state.registered) {
      boolean woken = hasWork();
      register();
      // Known to its Promise at last: converge with it. Still unknown: only the retry timer woke the loop.
      if (state.registered) state.runRequested = true;
      else if (!woken) return;
    }
    if (state.runRequested) {
      converge();
      reportConverged();
    } else {
      placeUnscheduled();
    }
    Reconciliation.scheduleRewrite(state, settings);
  }

  /**
   * The provisioning events of the newest generation (docs/slos.md, "Where the events come from"): bad for each SLO
   * whose threshold has passed, then, once Reconciled, one for each SLO that has not counted it; and the time of the
   * next threshold, for the loop's timer. Without provisioning SLOs it sends nothing and sets no timer.
   */
  private void measureProvisioning() {
    long now = Workflow.currentTimeMillis();
    SloSignals.send(state.provisioning.overdue(state.slos, now));
    if (Conditions.isTrue(state.status, Conditions.RECONCILED)) {
      SloSignals.send(state.provisioning.reconciled(state.status.path("observedGeneration").asLong(), state.slos, now));
    }
    state.sloDueAt = state.provisioning.nextDeadline(state.slos);
  }

  private void register() {
    if (state.retryRegisterAt == 0) SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Pending");
    try {
      promiseStub().requestAdded(Workflow.getInfo().getWorkflowId());
    } catch (RuntimeException e) {
      if (Delivery.snapshots()) {
        // The Promise is not there: the request waits with PromiseAvailable=False and tries again, so that the
        // Promise, once applied again, knows it and converges it.
        state.retryRegisterAt = Workflow.currentTimeMillis() + registerRetry.toMillis();
        registerRetry = registerRetry.multipliedBy(2).compareTo(MAX_REGISTER_RETRY) > 0 ? MAX_REGISTER_RETRY
            : registerRetry.multipliedBy(2);
        return;
      }
    }
    state.retryRegisterAt = 0;
    state.registered = true;
  }

  private void converge() {
    state.runRequested = false;
    state.destinationsChanged = false;
    if (settings == null) settings = Stubs.catalog().settings();
    PromiseVersion told = state.promiseVersion;
    state.promiseVersion = null;
    PromiseSnapshot snapshot = Stubs.catalog().promise(promiseName, told);
    if (Reconciliation.checkPaused(state, Reconciliation.paused(state.document)
        || (snapshot.exists() && Reconciliation.paused(snapshot.document())))) {
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Paused");
      return;
    }
    String now = Stubs.now();
    if (!snapshot.exists() || !snapshot.available()) {
      // Wait for the Promise: its workflow signals promiseChanged when it becomes available.
      Conditions.set(state.status, Conditions.PROMISE_AVAILABLE, "False", "PromiseRequirementsNotInstalled",
          "Promise Requirements are not installed", now);
      state.status.put("message", "Pending");
      return;
    }
    Conditions.set(state.status, Conditions.PROMISE_AVAILABLE, "True", "PromiseAvailable", "Promise is available", now);
    Promise promise = Promise.parse(snapshot.document());
    // A request that starts learns its Promise's SLOs here; the Promise tells it of every change after.
    if (state.slos == null && !snapshot.slos().isEmpty()) state.slos = List.copyOf(snapshot.slos());
    state.status.put("promiseVersion", promise.version());
    // Records of another version of the Promise stop counting (docs/health-checks.md).
    if (!state.healthDefinitions.isEmpty() || !state.healthRecords.isEmpty()) refreshHealth();
    String hash = Hashing.resourceHash(Docs.spec(snapshot.document()), Docs.spec(state.document));
    boolean resume = state.resumeRequested && state.suspendedAt >= 0 && hash.equals(state.lastRunHash) && !state.forceRun;
    if (!resume) state.resumeRequested = false;
    if (hash.equals(state.lastRunHash) && !state.forceRun && !resume) {
      placeUnscheduled();
      return;
    }
    state.forceRun = false;
    List<Pipeline> pipelines = promise.resourceConfigure();
    if (pipelines.isEmpty()) {
      state.lastRunHash = hash;
      state.status.put("workflows", 0).put("workflowsSucceeded", 0).put("workflowsFailed", 0);
      state.status.put("observedGeneration", state.generation);
      convergedTo(snapshot);
      // No pipeline emits them any more.
      EmittedHealthDefinitions.deleteAll(state);
      return;
    }
    SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Running");
    ConfigureRun run = new ConfigureRun(state, delivery, "resource", promiseName, promise.api().plural(),
        promise.pipelineNamespace());
    String workSuffix = Hashing.md5(namespace + "/" + name).substring(0, 5);
    running = new PromiseVersion(snapshot.generation(), snapshot.available(), Hashing.specHash(Docs.spec(snapshot.document())));
    ConfigureRun.Outcome outcome;
    try {
      outcome = run.run(pipelines, promise.destinationSelectors(), (p, groups) ->
          new Work(promiseName + "-" + name + "-" + p.name() + "-" + workSuffix, promiseName, name, workNamespace(promise),
              p.name(), groups));
    } finally {
      running = null;
    }
    if (outcome == ConfigureRun.Outcome.RESTARTED) return;
    if (outcome != ConfigureRun.Outcome.SUSPENDED) {
      SloSignals.observe(state.slos, Sli.Kind.PIPELINE, outcome == ConfigureRun.Outcome.COMPLETED);
    }
    state.lastRunHash = hash;
    convergedTo(snapshot);
    if (outcome == ConfigureRun.Outcome.SUSPENDED) {
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Suspended");
      return;
    }
    Reconciliation.scheduleNext(state, settings, promise.reconciliationInterval(), outcome == ConfigureRun.Outcome.FAILED);
    if (outcome == ConfigureRun.Outcome.FAILED) {
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Failed");
      return;
    }
    if ("Pending".equals(state.status.path("message").asText())) state.status.put("message", "Resource requested");
    state.status.put("observedGeneration", state.generation);
    worksStatus(run.unscheduled);
    EmittedHealthDefinitions.reconcile(state, run, promiseName, namespace, name);
  }

  /** Works live in the pipeline namespace: the request's, unless the Promise sets pipelineNamespace (Kratix docs: nestedByMetadata). */
  private String workNamespace(Promise promise) {
    return promise.pipelineNamespace().isEmpty() ? namespace : promise.pipelineNamespace();
  }

  /** Which Promise generation this request last ran its workflow for. */
  private void convergedTo(PromiseSnapshot snapshot) {
    WorkflowStatus.kratix(state.status).put("promiseGeneration", snapshot.generation());
  }

  /**
   * A Promise converging its requests a few at a time waits for this: a lost report would hold one of its slots.
   * A signal that fails is sent again (1, 2, 4 s later); failing four times, the Promise is gone.
   */
  private void reportConverged() {
    if (!state.promiseWaiting) return;
    state.promiseWaiting = false;
    Duration wait = Duration.ofSeconds(1);
    for (int attempt = 1; ; attempt++) {
      try {
        promiseStub().requestConverged(Workflow.getInfo().getWorkflowId());
        return;
      } catch (RuntimeException e) {
        if (attempt == REPORT_ATTEMPTS
            || Workflow.getVersion(REPORT_RETRIES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
          return;
        }
        if (Workflow.await(wait, () -> state.deleteRequested)) return;
        wait = wait.multipliedBy(2);
      }
    }
  }

  /** Retries scheduling of groups that no Destination matched (or rewrites every placement), without rerunning pipelines. */
  private void placeUnscheduled() {
    state.destinationsChanged = false;
    boolean rewrite = state.rewriteRequested;
    state.rewriteRequested = false;
    if (state.works.isEmpty() && state.retiredWorks.isEmpty()) return;
    var destinations = delivery.destinations();
    List<String> unscheduled = new ArrayList<>();
    for (Work work : state.works.values()) unscheduled.addAll(delivery.deliver(work, destinations, rewrite));
    delivery.removeRetired(destinations);
    if (Conditions.isTrue(state.status, Conditions.CONFIGURE_COMPLETED)) worksStatus(unscheduled);
  }

  private void worksStatus(List<String> unscheduled) {
    String now = Stubs.now();
    WorkflowStatus.kratix(state.status).set("workPlacements", KratixYaml.JSON.valueToTree(Delivery.describe(state)));
    List<String> misplaced = state.placements.values().stream().filter(Placement::misplaced).map(Placement::name).toList();
    List<String> refused = delivery.takeRefusals();
    List<Delivery.WriteFailure> failed = delivery.takeFailures().stream().filter(f -> !f.refusal()).toList();
    Reconciliation.scheduleWriteRetry(state, !failed.isEmpty());
    List<String> unwritten = state.placements.values().stream().filter(p -> p.written() == null)
        .map(Placement::destination).distinct().toList();
    if (!refused.isEmpty()) {
      // The store refused a write for good (an unsafe path): say which, rather than Reconciled.
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "False", "WorkloadsFailedWrite", String.join("; ", refused), now);
      Conditions.set(state.status, Conditions.RECONCILED, "False", "WorksFailed", "Failing", now);
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Failed");
    } else if (!failed.isEmpty()) {
      // A write gave up (a cause retrying cannot fix, or retries ran out): name it; it is tried again later.
      String reason = failed.stream().map(Delivery.WriteFailure::reason).distinct().count() == 1
          ? failed.get(0).reason() : Delivery.STORE_WRITE_FAILED;
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "False", reason,
          failed.stream().map(Delivery.WriteFailure::message).distinct().collect(java.util.stream.Collectors.joining("; ")), now);
      Conditions.set(state.status, Conditions.RECONCILED, "False", "WorksFailed", "Failing", now);
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Failed");
    } else if (!unwritten.isEmpty()) {
      // Placed but not written: its Destination is not ready now. A write failure already named stays named.
      if (Conditions.isFalse(state.status, Conditions.WORKS_SUCCEEDED)) {
        SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Failed");
      } else {
        Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "Unknown", "WorksPending",
            "Waiting for Destination(s) " + unwritten + " to be ready", now);
        Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "WorksPending", "Pending", now);
        SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Pending");
      }
    } else if (!misplaced.isEmpty()) {
      // Placement is sticky: a Destination that stops matching keeps the files, and the request says so (Kratix docs: Scheduling).
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "False", "WorksMisplaced",
          "Target destination no longer matches destinationSelectors for " + misplaced, now);
      Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "WorksPending", "Pending", now);
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Misplaced");
    } else if (unscheduled.isEmpty()) {
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "True", "WorksSucceeded",
          "All works associated with this resource are ready", now);
      Conditions.set(state.status, Conditions.RECONCILED, "True", "Reconciled", "Reconciled", now);
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Reconciled");
    } else {
      Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "Unknown", "WorksPending",
          "No matching destination found for workloadGroups: " + unscheduled, now);
      Conditions.set(state.status, Conditions.RECONCILED, "Unknown", "WorksPending", "Pending", now);
      SearchAttributes.upsert(Docs.kind(state.document), promiseName, namespace, "Pending");
    }
  }

  /**
   * Runs resource.delete until it goes through, then removes every placement, waiting for any whose Destination
   * is not ready (Kratix docs: delete workflows; docs/store-writes.md).
   */
  @Override
  protected void deleteObject() {
    if (!state.deletePipelineRan) {
      PromiseSnapshot snapshot = Stubs.catalog().promise(promiseName, null);
      if (snapshot.exists()) {
        Promise promise = Promise.parse(snapshot.document());
        if (!promise.resourceDelete().isEmpty()) {
          DeleteRun.runUntilDone(state, settings, "resource", promiseName, promise.resourceDelete().get(0), promise.api().plural(),
              promise.pipelineNamespace());
        }
      }
      state.deletePipelineRan = true;
    }
    FileRemoval.untilGone(state, delivery, settings);
    // Its HealthDefinitions go with it (none in histories recorded before they existed: no new command there).
    // Emitted ones too: one may not have registered yet.
    java.util.TreeSet<String> definitions = new java.util.TreeSet<>(state.healthDefinitions);
    definitions.addAll(state.emittedHealthDefinitions);
    for (String definition : definitions) EmittedHealthDefinitions.delete(definition);
    state.works.clear();
    Blobs.release();
    try {
      promiseStub().requestRemoved(Workflow.getInfo().getWorkflowId());
    } catch (RuntimeException e) {
      // The Promise is already gone.
    }
  }

  private PromiseWorkflow promiseStub() {
    return Workflow.newExternalWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(promiseName));
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    long generation = state.generation;
    ObjectNode doc = Reconciliation.accept(state, document);
    if (state.generation != generation) {
      // A new generation: provisioning is measured from now (docs/slos.md, "Where the events come from"); the one
      // it replaces counts only if its threshold has passed.
      long now = Workflow.currentTimeMillis();
      SloSignals.send(state.provisioning.overdue(state.slos, now));
      state.provisioning.applied(state.generation, now);
      if (state.slos != null && !state.slos.isEmpty()) state.sloWake = true;
    }
    return new ApplyResult(Docs.kind(doc), name, namespace, Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    if (state.deleteRequested) throw ApplicationFailure.newFailure("the request is being deleted", "Conflict");
    if (!Docs.name(document).equals(name) || !Docs.namespace(document).equals(namespace)) {
      throw new InvalidDocumentException("metadata", "name and namespace must be " + namespace + "/" + name
          + " for workflow " + Workflow.getInfo().getWorkflowId());
    }
    if (document.has("spec") && !document.get("spec").isObject()) {
      throw new InvalidDocumentException("spec", "must be an object");
    }
  }

  @Override
  public void promiseChanged(PromiseVersion version) {
    state.promiseWaiting = true;
    // The Promise tells every request it knows as it converges them, a request that registered a moment ago too: told
    // of the version its run in progress already uses, the run goes on, and reports converged when it ends.
    if (running != null && running.equals(version) && Workflow.getVersion(TOLD_WHILE_RUNNING, Workflow.DEFAULT_VERSION, 1) >= 1) return;
    state.runRequested = true;
    state.promiseVersion = version;
  }

  @Override
  public void healthRecorded(ObjectNode healthRecord) {
    state.healthRecords.put(Docs.namespace(healthRecord) + "/" + Docs.name(healthRecord), healthRecord);
    refreshHealth();
    String health = healthRecord.path("data").path("state").asText();
    SloSignals.observe(state.slos, Sli.Kind.HEALTH, health.equals("healthy") || health.equals("ready"));
  }

  @Override
  public void slosChanged(List<SloRef> slos) {
    state.slos = List.copyOf(slos);
    // Only a generation being measured has a threshold timer to set again.
    if (state.provisioning.generation != 0) state.sloWake = true;
  }

  @Override
  public void healthDefinitionAdded(String healthDefinitionWorkflowId) {
    state.healthDefinitions.add(healthDefinitionWorkflowId);
    refreshHealth();
  }

  @Override
  public void healthDefinitionRemoved(String healthDefinitionWorkflowId) {
    state.healthDefinitions.remove(healthDefinitionWorkflowId);
    // healthdefinition/<namespace>/<name>: its records are named after it.
    state.healthRecords.remove(healthDefinitionWorkflowId.substring(healthDefinitionWorkflowId.indexOf('/') + 1));
    refreshHealth();
  }

  /**
   * status.healthStatus and HealthChecksSucceeded, counting only records of the Promise version the request runs
   * (those without a version, applied by someone, always count).
   */
  private void refreshHealth() {
    JsonNode v = state.status.get("promiseVersion");
    String version = v == null || v.isNull() ? null : v.asText();
    int definitions = state.healthDefinitions.size();
    state.status.set("healthStatus", Health.healthStatus(state.healthRecords.values(), version, definitions));
    Health.Verdict verdict = Health.verdict(state.healthRecords.values(), version, definitions);
    Conditions.set(state.status, Health.CONDITION, verdict.status(), verdict.reason(), verdict.message(), Stubs.now());
  }

  @Override
  public void resume() {
    if (state.suspendedAt < 0) return;
    state.resumeRequested = true;
    state.runRequested = true;
  }

  @Override
  public void destinationsChanged(ReadyDestinations ready) {
    // A snapshot that changes nothing for this request's placements costs it nothing.
    if (ready == null || delivery.adopt(ready)) state.destinationsChanged = true;
  }
}

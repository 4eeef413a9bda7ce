package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import dev.kratixtemporal.activity.AlertNotice;
import dev.kratixtemporal.activity.AlertWebhookActivities;
import dev.kratixtemporal.activity.BlobActivities;
import dev.kratixtemporal.activity.CatalogActivities;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.ReadyDestinations;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import dev.kratixtemporal.activity.StateStoreActivities;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.activity.StoreState;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.StateStore;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import dev.kratixtemporal.model.StoreRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * In-memory activities for workflow tests whose subject is timing and ordering, not the world: these tests run
 * on Temporal's test environment with time skipping, which real containers and Git cannot follow.
 */
final class FakeActivities implements CatalogActivities, PipelineActivities, StateStoreActivities, BlobActivities,
    dev.kratixtemporal.activity.CanaryActivities, AlertWebhookActivities {
  static final GitStateStore STORE = new GitStateStore("default", "/nowhere", "main", "", "kratix", "kratix@kratix.io", "basicAuth", null);
  static final Destination DEV = new Destination("dev", Map.of("environment", "dev"), "dev",
      new StoreRef("GitStateStore", "default"), false, Destination.NESTED, "aggregated.yaml", "none", true);

  final Map<String, ObjectNode> promises = new ConcurrentHashMap<>();
  final List<String> pipelineRuns = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger mostAtOnce = new AtomicInteger();
  /** The alert webhook's calls, every attempt, in order; whether a URL is set; what each attempt answers. */
  final List<AlertNotice> webhookCalls = new CopyOnWriteArrayList<>();
  volatile boolean webhookSet = true;
  volatile boolean webhookDown = false;
  volatile PlatformSettings settings = new PlatformSettings("10h", true, 4, 4000, "10h");
  volatile long pipelineMillis = 0;
  /** What a run leaves in workflow-control.yaml (null: nothing). */
  volatile Function<PipelineRun, ObjectNode> workflowControl = run -> null;
  volatile Function<PipelineRun, List<OutputFile>> outputs = run -> List.of(new OutputFile("out.yaml", "kind: ConfigMap\n"));

  void addPromise(String yaml) {
    ObjectNode doc = KratixYaml.parseOne(yaml);
    promises.put(doc.path("metadata").path("name").asText(), doc);
  }

  /** When set, Destinations, stores and Promises are read from their workflows, as the real catalog does. */
  volatile WorkflowClient client;
  /** When set (and client is not), Promises are read from their workflows; the rest as without it. */
  volatile WorkflowClient promiseReader;
  /** When set (and client is not), requests are read from their workflows; Promises from addPromise. */
  volatile WorkflowClient requestReader;
  /** Stores for which this is true fail their readiness check. */
  volatile Predicate<StateStore> storeDown = store -> false;
  final AtomicInteger storeChecks = new AtomicInteger();
  /** Whether Destination dev (and its store) is Ready, and whether it exists at all. */
  volatile boolean devReady = true;
  volatile boolean devRegistered = true;
  /** The last snapshot handed out, and what it was made of: a change gives a new version, as the Platform does. */
  private ReadyDestinations snapshot = ReadyDestinations.NONE;
  private String snapshotOf;

  @Override
  public List<DestinationState> readyDestinations() {
    return destinations().destinations();
  }

  @Override
  public synchronized ReadyDestinations destinations() {
    if (client != null) return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).readyDestinations();
    String of = devReady + "/" + devRegistered;
    if (!of.equals(snapshotOf)) {
      snapshot = new ReadyDestinations(snapshot.version() + 1,
          devReady && devRegistered ? List.of(new DestinationState(DEV, STORE)) : List.of());
      snapshotOf = of;
    }
    return snapshot;
  }

  @Override
  public List<String> registeredDestinations() {
    if (client != null) return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).catalog().destinations;
    return devRegistered ? List.of("dev") : List.of();
  }

  @Override
  public PromiseSnapshot promise(String name, dev.kratixtemporal.activity.PromiseVersion seen) {
    if (client != null) return promiseFromWorkflow(client, name);
    if (promiseReader != null) return promiseFromWorkflow(promiseReader, name);
    ObjectNode doc = promises.get(name);
    return doc == null ? PromiseSnapshot.missing() : new PromiseSnapshot(true, true, 1, doc, List.of("not-set"));
  }

  /** As the real catalog reads it: known to the Platform, then its workflow's document, availability and revisions. */
  private static PromiseSnapshot promiseFromWorkflow(WorkflowClient client, String name) {
    if (!client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).catalog().promises.containsKey(name)) {
      return PromiseSnapshot.missing();
    }
    ObjectNode doc = client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(name)).status();
    boolean available = "Available".equals(doc.path("status").path("status").asText());
    List<String> versions = new java.util.ArrayList<>();
    doc.path("status").path("kratix").path("revisions").forEach(v -> versions.add(v.asText()));
    // Its SLOs, which a request that starts learns from this read (docs/slos.md).
    List<dev.kratixtemporal.model.slo.SloRef> slos = dev.kratixtemporal.model.slo.SloRef.listFrom(doc.path("status"));
    doc.remove("status");
    return new PromiseSnapshot(true, available, doc.path("metadata").path("generation").asLong(), doc, versions, slos);
  }

  /** Canary requests applied and deleted, by workflow id, in order. */
  final List<String> canariesApplied = new CopyOnWriteArrayList<>();
  final List<String> canariesDeleted = new CopyOnWriteArrayList<>();
  final List<ObjectNode> canaryRequests = new CopyOnWriteArrayList<>();

  @Override
  public dev.kratixtemporal.activity.RequestKind requestKind(String promise) {
    PromiseSnapshot read = promise(promise, null);
    if (!read.exists()) return null;
    var api = dev.kratixtemporal.model.Promise.parse(read.document()).api();
    return new dev.kratixtemporal.activity.RequestKind(api.apiVersion(), api.kind());
  }

  /** As the API applies a request: update-with-start of its workflow (read with promiseReader's client). */
  @Override
  public void applyRequest(String workflowId, ObjectNode request) {
    WorkflowClient c = client != null ? client : promiseReader;
    ResourceWorkflow stub = c.newWorkflowStub(ResourceWorkflow.class, io.temporal.client.WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(io.temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    WorkflowClient.executeUpdateWithStart(stub::apply, request,
        io.temporal.client.UpdateOptions.newBuilder(ApplyResult.class)
            .setWaitForStage(io.temporal.client.WorkflowUpdateStage.COMPLETED).build(),
        new io.temporal.client.WithStartWorkflowOperation<>(stub::run, new ResourceWorkflowState()));
    canariesApplied.add(workflowId);
    canaryRequests.add(request);
  }

  @Override
  public dev.kratixtemporal.activity.CanaryCheck check(String workflowId) {
    WorkflowClient c = client != null ? client : promiseReader;
    try {
      io.temporal.client.WorkflowStub stub = c.newUntypedWorkflowStub(workflowId);
      if (stub.describe().getStatus() != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return dev.kratixtemporal.activity.CanaryCheck.GONE;
      }
      return dev.kratixtemporal.activity.CanaryCheck.of(stub.query("status", ObjectNode.class));
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return dev.kratixtemporal.activity.CanaryCheck.GONE;
    }
  }

  @Override
  public void deleteRequest(String workflowId) {
    WorkflowClient c = client != null ? client : promiseReader;
    c.newUntypedWorkflowStub(workflowId).signal("delete");
    canariesDeleted.add(workflowId);
  }

  @Override
  public StoreState store(StoreRef ref) {
    if (client == null) return new StoreState(true, true, "ready", STORE);
    ObjectNode doc = client.newWorkflowStub(StateStoreWorkflow.class, ref.workflowId()).status();
    boolean ready = "Ready".equals(doc.path("status").path("status").asText());
    return new StoreState(true, ready, ready ? "ready" : ref + ": not ready", StateStore.parse(doc));
  }

  @Override
  public ObjectNode request(String workflowId) {
    WorkflowClient reader = client != null ? client : requestReader;
    if (reader == null) return null;
    try {
      io.temporal.client.WorkflowStub stub = reader.newUntypedWorkflowStub(workflowId);
      // A completed workflow still answers queries: a deleted request must read as gone.
      if (stub.describe().getStatus() != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return null;
      }
      return stub.query("status", ObjectNode.class);
    } catch (io.temporal.client.WorkflowNotFoundException | io.temporal.client.WorkflowQueryRejectedException e) {
      return null;
    }
  }

  @Override
  public PlatformSettings settings() {
    return settings;
  }

  @Override
  public PipelineResult runPipeline(PipelineRun run) {
    int now = running.incrementAndGet();
    mostAtOnce.accumulateAndGet(now, Math::max);
    try {
      if (hangs.test(run)) hangUntilCancelled(run);
      java.util.concurrent.CountDownLatch held = hold;
      while (held != null && !held.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        Activity.getExecutionContext().heartbeat(null);
      }
      if (pipelineMillis > 0) Thread.sleep(pipelineMillis);
      pipelineRuns.add(run.object().path("metadata").path("name").asText() + "/" + run.pipeline().name());
      if (fails.test(run)) return PipelineResult.failed("container c exited with code 1", "");
      return new PipelineResult(true, null, storeFiles(outputs.apply(run)), List.of(), null,
          workflowControl.apply(run), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      running.decrementAndGet();
    }
  }

  /** Pipelines for which this is true end failed, as a container exiting non-zero does. */
  volatile Predicate<PipelineRun> fails = run -> false;

  /** While set, every run waits (heartbeating) until it is counted down: a container still running. */
  volatile java.util.concurrent.CountDownLatch hold;

  /** Pipelines for which this is true hang, heartbeating, until the workflow cancels them (a hung container). */
  volatile Predicate<PipelineRun> hangs = run -> false;
  final List<String> cancelledRuns = new CopyOnWriteArrayList<>();

  private void hangUntilCancelled(PipelineRun run) throws InterruptedException {
    try {
      while (true) {
        Activity.getExecutionContext().heartbeat(null);
        Thread.sleep(50);
      }
    } catch (ActivityCompletionException e) {
      cancelledRuns.add(run.object().path("metadata").path("name").asText() + "/" + run.pipeline().name());
      throw e;
    }
  }

  long runsOf(String name) {
    return pipelineRuns.stream().filter(r -> r.startsWith(name + "/")).count();
  }

  final List<StoreChange> writes = new CopyOnWriteArrayList<>();
  /** What the store throws for a change instead of writing it (null: it writes). */
  volatile Function<StoreChange, RuntimeException> refuse = change -> null;

  @Override
  public String writeState(StoreChange change) {
    RuntimeException refused = refuse.apply(change);
    if (refused != null) throw refused;
    // As the real writers do: every referenced blob must be there, or the write fails for good naming it.
    for (FileRef ref : change.refs()) {
      if (!blobs.containsKey(ref.sha256())) {
        throw ApplicationFailure.newNonRetryableFailure("blob " + ref.sha256() + " for " + ref.path()
            + " is missing from the blob store", "BlobMissing");
      }
    }
    writes.add(change);
    return "0123456789abcdef0123456789abcdef01234567";
  }

  @Override
  public void checkStore(StateStore store) {
    storeChecks.incrementAndGet();
    if (storeDown.test(store)) {
      throw ApplicationFailure.newNonRetryableFailure("dial tcp: connection refused", "StateStoreUnreachable");
    }
  }

  /** The blob store, in memory: contents by sha256, and each owner's roots. */
  final Map<String, String> blobs = new ConcurrentHashMap<>();
  final Map<String, List<String>> roots = new ConcurrentHashMap<>();

  /** A blob's content by reference (what a writer would read). */
  String content(FileRef ref) {
    return blobs.get(ref.sha256());
  }

  @Override
  public List<FileRef> storeFiles(List<OutputFile> files) {
    return files.stream().map(f -> {
      String sha = Hashing.sha256(f.content());
      blobs.put(sha, f.content());
      return new FileRef(f.path(), sha, f.content().getBytes(StandardCharsets.UTF_8).length);
    }).toList();
  }

  @Override
  public void retain(String ownerWorkflowId, List<String> sha256s) {
    roots.put(ownerWorkflowId, List.copyOf(sha256s));
  }

  @Override
  public void release(String ownerWorkflowId) {
    roots.remove(ownerWorkflowId);
  }

  @Override
  public boolean notifyAlertChange(AlertNotice notice) {
    webhookCalls.add(notice);
    if (!webhookSet) return false;
    if (webhookDown) throw new IllegalStateException("wh-receiver: connection refused");
    return true;
  }
}

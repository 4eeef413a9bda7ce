package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenarios a user goes through, run on the real workflows (Platform, Promise and request; Destination and store
 * where placement matters), each asserting what the user sees at every step. With -Drecord.histories=DIR each
 * saves its histories for HistoryReplayTest: the branches only these scenarios reach (suspension, retry, failure,
 * pause, requirements, a blocked delete, misplacement, continue-as-new) then stay replayable.
 */
class ReplayCorpusTest {
  /** A Promise (PeriodicReconciliationTest's style): name, kind, plural, then extra spec lines. */
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: %1$s
      spec:
        %4$s
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: %3$s.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: %2$s, plural: %3$s, singular: %1$s}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: first}
                spec:
                  containers: [{name: c, image: example/rc:v1}]
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: second}
                spec:
                  containers: [{name: c, image: example/rc:v1}]
            delete:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: teardown}
                spec:
                  containers: [{name: c, image: example/rc:v1}]
      """;
  private static final String APP = "rc-app";

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, PlatformWorkflowImpl.class, PromiseWorkflowImpl.class, ResourceWorkflowImpl.class,
        DestinationWorkflowImpl.class, StateStoreWorkflowImpl.class, SloWorkflowImpl.class);
    client = env.getWorkflowClient();
    FakeWorld.startPlatform(env);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void suspendWaitsForResumeThenCompletesFromTheSuspendedPipeline() {
    fakes.workflowControl = run -> run.pipeline().name().equals("second") && fakes.runsOf("rc-suspend") < 3
        ? KratixYaml.parseOne("suspend: true\nmessage: waiting for approval\n") : null;
    applyAppPromise("");
    String id = applyRequest("rc-suspend", "");
    awaitInWorkflowTime(() -> "Suspended".equals(phase(id, 1)));
    JsonNode suspended = status(id);
    assertThat(labels(suspended).path(ConfigureRun.SUSPENDED_LABEL).asText()).isEqualTo("true");
    assertThat(condition(suspended, "Reconciled")).isEqualTo("Unknown/WorkflowSuspended");
    assertThat(pipeline(suspended, 1).path("message").asText()).isEqualTo("waiting for approval");
    assertThat(pipeline(suspended, 1).has("nextRetryAt")).isFalse();
    assertThat(runs("rc-suspend")).containsExactly("first", "second");

    // A plain suspend has no timer: hours later it still waits.
    env.sleep(Duration.ofHours(3));
    assertThat(runs("rc-suspend")).containsExactly("first", "second");
    assertThat(labels(status(id)).has(ConfigureRun.SUSPENDED_LABEL)).isTrue();

    request(id).resume();
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    JsonNode done = status(id);
    assertThat(runs("rc-suspend")).containsExactly("first", "second", "second");
    assertThat(labels(done).has(ConfigureRun.SUSPENDED_LABEL)).isFalse();
    assertThat(pipeline(done, 0).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(pipeline(done, 1).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(running(id)).isTrue();
    record("suspend-resume", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
  }

  @Test
  void retryAfterRerunsThePipelineByItselfOnceTheTimeHasPassed() {
    fakes.workflowControl = run -> run.pipeline().name().equals("first") && fakes.runsOf("rc-retry") < 2
        ? KratixYaml.parseOne("retryAfter: 5m\nmessage: database not ready\n") : null;
    applyAppPromise("");
    String id = applyRequest("rc-retry", "");
    awaitInWorkflowTime(() -> "Suspended".equals(phase(id, 0)));
    JsonNode waiting = status(id);
    assertThat(labels(waiting).path(ConfigureRun.SUSPENDED_LABEL).asText()).isEqualTo("true");
    assertThat(condition(waiting, "Reconciled")).isEqualTo("Unknown/WorkflowSuspended");
    assertThat(pipeline(waiting, 0).path("message").asText()).isEqualTo("database not ready");
    assertThat(pipeline(waiting, 0).path("attempts").asInt()).isEqualTo(1);
    assertThat(pipeline(waiting, 0).path("nextRetryAt").asText()).isNotEmpty();
    assertThat(pipeline(waiting, 1).path("phase").asText()).isEqualTo("Pending");

    env.sleep(Duration.ofMinutes(4));
    assertThat(runs("rc-retry")).containsExactly("first");
    env.sleep(Duration.ofMinutes(2));
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    JsonNode done = status(id);
    assertThat(runs("rc-retry")).containsExactly("first", "first", "second");
    assertThat(labels(done).has(ConfigureRun.SUSPENDED_LABEL)).isFalse();
    assertThat(pipeline(done, 0).has("nextRetryAt")).isFalse();
    assertThat(running(id)).isTrue();
    record("retry-after", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
  }

  @Test
  void aFailedPipelineFailsTheRequestUntilAManualReconcileAfterTheFix() {
    AtomicBoolean broken = new AtomicBoolean(true);
    fakes.fails = run -> run.pipeline().name().equals("second") && broken.get();
    applyAppPromise("");
    String id = applyRequest("rc-fail", "");
    awaitInWorkflowTime(() -> condition(status(id), "ConfigureWorkflowCompleted").endsWith("/ConfigureWorkflowFailed"));
    JsonNode failed = status(id);
    assertThat(condition(failed, "ConfigureWorkflowCompleted")).isEqualTo("False/ConfigureWorkflowFailed");
    assertThat(condition(failed, "Reconciled")).isEqualTo("False/ConfigureWorkflowFailed");
    assertThat(pipeline(failed, 0).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(pipeline(failed, 1).path("phase").asText()).isEqualTo("Failed");
    assertThat(pipeline(failed, 1).path("message").asText()).contains("exited with code 1");
    assertThat(failed.path("status").path("workflowsFailed").asInt()).isEqualTo(1);
    assertThat(runs("rc-fail")).containsExactly("first", "second");

    broken.set(false);
    request(id).reconcile();
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    JsonNode fixed = status(id);
    assertThat(condition(fixed, "ConfigureWorkflowCompleted")).isEqualTo("True/PipelinesExecutedSuccessfully");
    assertThat(pipeline(fixed, 1).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(runs("rc-fail")).containsExactly("first", "second", "first", "second");
    record("failed-pipeline", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
  }

  @Test
  void aPausedRequestIsHeldUntilReappliedWithoutTheLabel() {
    applyAppPromise("");
    String id = applyRequest("rc-paused", "labels: {kratix.io/paused: \"true\"}, ");
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").endsWith("/PausedReconciliation"));
    assertThat(condition(status(id), "Reconciled")).isEqualTo("Unknown/PausedReconciliation");
    env.sleep(Duration.ofHours(1));
    assertThat(runs("rc-paused")).isEmpty();
    assertThat(condition(status(id), "Reconciled")).isEqualTo("Unknown/PausedReconciliation");

    applyRequest("rc-paused", "");
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    JsonNode running = status(id);
    assertThat(labels(running).has("kratix.io/paused")).isFalse();
    assertThat(runs("rc-paused")).containsExactly("first", "second");
    assertThat(running.path("metadata").path("generation").asLong()).isEqualTo(1);
    record("paused", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
  }

  @Test
  void aPromiseWaitsForItsRequiredPromiseToExistAndBeAvailable() {
    fakes.client = client;
    String needs = WorkflowIds.promise("rc-needs");
    String base = WorkflowIds.promise("rc-base");
    applyPromise(PROMISE.formatted("rc-needs", "RcNeeds", "rcneeds", "requiredPromises: [{name: rc-base}]"));
    awaitInWorkflowTime(() -> condition(status(needs), "RequirementsFulfilled").equals("False/RequirementsNotInstalled"));
    JsonNode missing = status(needs);
    assertThat(missing.path("status").path("status").asText()).isEqualTo("Unavailable");
    assertThat(condition(missing, "Available")).isEqualTo("False/PromiseUnavailable");
    assertThat(missing.path("status").path("requiredPromises").get(0).path("state").asText())
        .isEqualTo("Requirement not installed");

    // rc-base exists, but its promise pipeline suspends it: not available yet.
    fakes.workflowControl = run -> run.object().path("metadata").path("name").asText().equals("rc-base")
        && fakes.runsOf("rc-base") < 2 ? KratixYaml.parseOne("suspend: true\nmessage: approve the base\n") : null;
    applyPromise(PROMISE.formatted("rc-base", "RcBase", "rcbases", "").replace("""
          workflows:
        """, """
          workflows:
            promise:
              configure:
                - apiVersion: platform.kratix.io/v1alpha1
                  kind: Pipeline
                  metadata: {name: gate}
                  spec:
                    containers: [{name: c, image: example/rc:v1}]
        """));
    awaitInWorkflowTime(() -> condition(status(needs), "RequirementsFulfilled").equals("False/RequirementsNotAvailable"));
    assertThat(condition(status(base), "Available")).isEqualTo("False/WorkflowSuspended");
    assertThat(status(needs).path("status").path("status").asText()).isEqualTo("Unavailable");
    assertThat(status(needs).path("status").path("requiredPromises").get(0).path("state").asText())
        .isEqualTo("Requirement not available");

    client.newWorkflowStub(PromiseWorkflow.class, base).resume();
    awaitInWorkflowTime(() -> status(needs).path("status").path("status").asText().equals("Available"));
    JsonNode available = status(needs);
    assertThat(condition(available, "RequirementsFulfilled")).isEqualTo("True/RequirementsInstalled");
    assertThat(condition(available, "Available")).isEqualTo("True/PromiseAvailable");
    assertThat(available.path("status").path("requiredPromises").get(0).path("state").asText())
        .isEqualTo("Requirement installed");
    assertThat(status(base).path("status").path("status").asText()).isEqualTo("Available");
    assertThat(runs("rc-base")).containsExactly("gate", "gate");
    record("required-promises", needs, base, WorkflowIds.PLATFORM);
  }

  @Test
  void aFailingDeletePipelineBlocksTheDeleteQuietlyUntilFixed() {
    AtomicBoolean broken = new AtomicBoolean(true);
    fakes.fails = run -> run.pipeline().name().equals("teardown") && broken.get();
    applyAppPromise("");
    String id = applyRequest("rc-stuck", "");
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));

    request(id).delete();
    awaitInWorkflowTime(() -> condition(status(id), "DeleteWorkflowCompleted").equals("False/DeleteWorkflowFailed"));
    assertThat(pipeline(status(id), 0).path("phase").asText()).isEqualTo("Failed");
    int events = client.fetchHistory(id).getEvents().size();
    env.sleep(Duration.ofHours(12));
    // Blocked, it neither retries nor wakes up: only the periodic timer set before the delete fires, once.
    int later = client.fetchHistory(id).getEvents().size();
    assertThat(later).isLessThanOrEqualTo(events + 4);
    env.sleep(Duration.ofDays(2));
    assertThat(client.fetchHistory(id).getEvents().size()).isEqualTo(later);
    assertThat(condition(status(id), "DeleteWorkflowCompleted")).isEqualTo("False/DeleteWorkflowFailed");
    assertThat(runs("rc-stuck")).containsExactly("first", "second", "teardown");
    assertThat(fakes.writes).noneMatch(w -> w.message().startsWith("Delete from:"));
    assertThat(running(id)).isTrue();

    broken.set(false);
    request(id).reconcile();
    awaitInWorkflowTime(() -> !running(id));
    assertThat(runs("rc-stuck")).containsExactly("first", "second", "teardown", "teardown");
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Delete from: rc-app-rc-stuck-first-"));
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Delete from: rc-app-rc-stuck-second-"));
    record("blocked-delete", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
  }

  @Test
  void aDestinationThatStopsMatchingKeepsTheRequestsFilesAndSaysMisplaced() {
    fakes.client = client;
    String store = WorkflowIds.store("GitStateStore", "default");
    String dev = WorkflowIds.destination("dev");
    start(StateStoreWorkflow.class, store);
    apply(StateStoreWorkflow.class, store, """
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata: {name: default}
        spec: {url: "http://git.example/state.git", branch: main, secretRef: {name: git, namespace: default}}
        """);
    start(DestinationWorkflow.class, dev);
    apply(DestinationWorkflow.class, dev, destination("dev"));
    applyAppPromise("destinationSelectors: [{matchLabels: {environment: dev}}]");
    String id = applyRequest("rc-placed", "");
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    JsonNode placed = status(id).path("status").path("kratix").path("workPlacements");
    assertThat(placed).hasSize(2);
    placed.forEach(p -> assertThat(p.path("destination").asText()).isEqualTo("dev"));
    placed.forEach(p -> assertThat(p.path("misplaced").asBoolean()).isFalse());

    apply(DestinationWorkflow.class, dev, destination("prod"));
    awaitInWorkflowTime(() -> condition(status(id), "WorksSucceeded").equals("False/WorksMisplaced"));
    JsonNode misplaced = status(id);
    assertThat(condition(misplaced, "Reconciled")).isEqualTo("Unknown/WorksPending");
    JsonNode placements = misplaced.path("status").path("kratix").path("workPlacements");
    assertThat(placements).hasSize(2);
    for (JsonNode p : placements) {
      assertThat(p.path("destination").asText()).isEqualTo("dev");
      assertThat(p.path("misplaced").asBoolean()).isTrue();
      assertThat(p.path("versionID").asText()).isNotEmpty();
    }
    // Sticky placement: nothing of the request is removed, nor run again.
    assertThat(fakes.writes).noneMatch(w -> w.message().startsWith("Delete from: rc-app-rc-placed"));
    assertThat(runs("rc-placed")).containsExactly("first", "second");
    assertThat(running(id)).isTrue();
    record("misplaced", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM, dev, store);
  }

  @Test
  void aRequestPastTheHistoryLimitContinuesAsNewAndStillReconciles() {
    fakes.settings = new PlatformSettings("10h", true, 4, 30, "10h");
    applyAppPromise("");
    String id = applyRequest("rc-long", "");
    String firstRun = client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
    awaitInWorkflowTime(() -> !continuedFrom(id).isEmpty());
    assertThat(continuedFrom(id)).isEqualTo(firstRun);
    assertThat(client.fetchHistory(id, firstRun).getLastEvent().hasWorkflowExecutionContinuedAsNewEventAttributes())
        .isTrue();
    // The new run answers with what the first one did.
    JsonNode carried = status(id);
    assertThat(condition(carried, "Reconciled")).isEqualTo("True/Reconciled");
    assertThat(carried.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(carried.path("status").path("kratix").path("workPlacements")).hasSize(2);

    request(id).reconcile();
    awaitInWorkflowTime(() -> runs("rc-long").size() == 4);
    awaitInWorkflowTime(() -> condition(status(id), "Reconciled").equals("True/Reconciled"));
    assertThat(runs("rc-long")).containsExactly("first", "second", "first", "second");
    assertThat(continuedFrom(id)).isNotEmpty();
    assertThat(running(id)).isTrue();
    record("continued-as-new", id, WorkflowIds.promise(APP), WorkflowIds.PLATFORM);
    FakeWorld.recordHistory(env, id, firstRun, "continued-as-new/first-run");
  }

  private void applyAppPromise(String extraSpec) {
    applyPromise(PROMISE.formatted(APP, "RcApp", "rcapps", extraSpec));
    awaitInWorkflowTime(() -> "Available".equals(status(WorkflowIds.promise(APP)).path("status").path("status").asText()));
  }

  private void applyPromise(String yaml) {
    fakes.addPromise(yaml);
    String id = WorkflowIds.promise(KratixYaml.parseOne(yaml).path("metadata").path("name").asText());
    start(PromiseWorkflow.class, id);
    apply(PromiseWorkflow.class, id, yaml);
  }

  /** Applies the request (starting its workflow the first time); metadataExtra goes before its name. */
  private String applyRequest(String name, String metadataExtra) {
    String id = WorkflowIds.resource(APP, "default", name);
    try {
      start(ResourceWorkflow.class, id);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted e) {
      // Applied again: the running workflow takes the new version.
    }
    apply(ResourceWorkflow.class, id, "apiVersion: test.kratix.dev/v1alpha1\nkind: RcApp\nmetadata: {" + metadataExtra
        + "name: " + name + ", namespace: default}\nspec: {}\n");
    return id;
  }

  private static String destination(String environment) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: dev, labels: {environment: %s}}
        spec: {path: dev, stateStoreRef: {kind: GitStateStore, name: default}}
        """.formatted(environment);
  }

  private void start(Class<?> type, String workflowId) {
    client.newUntypedWorkflowStub(type.getSimpleName(), options(workflowId)).start(new EntityWorkflowState());
  }

  private <T extends EntityWorkflow> void apply(Class<T> type, String workflowId, String yaml) {
    client.newWorkflowStub(type, workflowId).apply(KratixYaml.parseOne(yaml));
  }

  /** A stub for the workflow's current run, whichever it is. */
  private ResourceWorkflow request(String workflowId) {
    return client.newWorkflowStub(ResourceWorkflow.class, workflowId);
  }

  private ObjectNode status(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).query("status", ObjectNode.class);
  }

  /** The run the workflow's current run continued from ("" for a first run). */
  private String continuedFrom(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId();
  }

  private boolean running(String workflowId) {
    return !client.fetchHistory(workflowId).getLastEvent().hasWorkflowExecutionCompletedEventAttributes();
  }

  /** The object's pipeline runs, in order, by pipeline name. */
  private List<String> runs(String object) {
    return fakes.pipelineRuns.stream().filter(r -> r.startsWith(object + "/"))
        .map(r -> r.substring(object.length() + 1)).toList();
  }

  private String phase(String workflowId, int index) {
    return pipeline(status(workflowId), index).path("phase").asText();
  }

  private static JsonNode pipeline(JsonNode object, int index) {
    return object.path("status").path("kratix").path("workflows").path("pipelines").path(index);
  }

  private static JsonNode labels(JsonNode object) {
    return object.path("metadata").path("labels");
  }

  /** "status/reason" of the condition, or "" when it is not there. */
  private static String condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) return c.path("status").asText() + "/" + c.path("reason").asText();
    }
    return "";
  }

  private void record(String caseName, String... workflowIds) {
    for (String id : workflowIds) FakeWorld.recordHistory(env, id, caseName);
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }

  /** Lets workflow time pass, ten seconds at a time, until the condition holds (at most a simulated hour). */
  private void awaitInWorkflowTime(BooleanSupplier condition) {
    for (int i = 0; i < 360; i++) {
      if (condition.getAsBoolean()) return;
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError("condition not met within an hour of workflow time");
  }
}

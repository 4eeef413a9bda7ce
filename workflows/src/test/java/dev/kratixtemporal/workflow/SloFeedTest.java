package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.logic.slo.PromiseSloStatus;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.slo.Slo;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLOs fed by the workflows that see the events (docs/slos.md, "Where the events come from"): an SLO tells its
 * Promise, the Promise its requests, and requests and Promise signal provisioning, pipeline and health events to it.
 * Time-skipping test server, in-memory activities; Promises are read from their workflows, as the real catalog does.
 */
class SloFeedTest {
  static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata: {name: %1$s}
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: %1$ss.test.kratix.dev}
          spec:
            group: test.kratix.dev
            names: {kind: SfDb, plural: %1$ss, singular: %1$s}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          promise:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: setup}
                spec:
                  containers: [{name: c, image: example/setup:v1}]
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: make}
                spec:
                  containers: [{name: c, image: example/make:v1}]
      """;
  static final String SLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: %s}
      spec:
        indicator:
          metadata: {name: events}
          spec:
            ratioMetric:
              good: {metricSource: {type: kratix, spec: {promise: %s, sli: %s}}}
              total: {metricSource: {type: kratix, spec: {promise: %s, sli: %s}}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(TestEnvironmentOptions.newBuilder().setInitialTime(Instant.ofEpochMilli(T0)).build(), fakes,
        PromiseWorkflowImpl.class, ResourceWorkflowImpl.class, PlatformWorkflowImpl.class, SloWorkflowImpl.class);
    client = env.getWorkflowClient();
    fakes.promiseReader = client;
    FakeWorld.startPlatform(env);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }

  private PromiseWorkflow applyPromise(String name) {
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(WorkflowIds.promise(name)));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(PROMISE.formatted(name)));
    FakeWorld.await(() -> "Available".equals(promise.status().path("status").path("status").asText()));
    return promise;
  }

  private SloWorkflow startSlo(String name, String promise, String sli, String within) {
    String yaml = SLO.formatted(name, promise, sli, promise, sli);
    if (within != null) yaml = yaml.replace("sli: " + sli + "}}}", "sli: " + sli + ", within: " + within + "}}}");
    SloWorkflow stub = client.newWorkflowStub(SloWorkflow.class, options(WorkflowIds.slo(name)));
    WorkflowClient.start(stub::run, SloWorkflowState.of(Slo.parse(KratixYaml.parseOne(yaml), Map.of())));
    return client.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo(name));
  }

  private ResourceWorkflow request(String promise, String name) {
    return FakeWorld.startRequest(env, promise, "SfDb", "default", name);
  }

  private static boolean reconciled(ResourceWorkflow request) {
    return Conditions.isTrue(request.status().path("status"), Conditions.RECONCILED);
  }

  /** Waits until the SLO has counted this many events, then answers its status. */
  private static SloStatus counted(SloWorkflow slo, long total) {
    FakeWorld.await(() -> slo.status().totalEvents() >= total);
    return slo.status();
  }

  private static JsonNode slosOf(PromiseWorkflow promise) {
    return promise.status().path("status").path("slos");
  }

  private List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  /** The workflow's history without its workflow-task events: what it decided, and what came of it. */
  private List<EventType> decisions(String workflowId) {
    return history(workflowId).stream().map(HistoryEvent::getEventType).filter(t -> !t.name().startsWith("EVENT_TYPE_WORKFLOW_TASK_")).toList();
  }

  @Test
  void provisioningCountsEachNewGenerationOnceGoodWithinTheThresholdAndBadAtItWhenNotReconciled() {
    PromiseWorkflow promise = applyPromise("sf-db");
    // Reconciled before any SLO: counted by none.
    ResourceWorkflow early = request("sf-db", "sf-early");
    FakeWorld.await(() -> reconciled(early));
    long runsBefore = fakes.pipelineRuns.size();

    SloWorkflow slo = startSlo("sf-prov", "sf-db", "provisioning", "10m");
    FakeWorld.await(() -> slosOf(promise).size() == 1);
    JsonNode entry = slosOf(promise).get(0);
    assertThat(entry.path("name").asText()).isEqualTo("sf-prov");
    assertThat(entry.path("sli").asText()).isEqualTo("provisioning");
    assertThat(entry.path("within").asText()).isEqualTo("10m");
    assertThat(entry.path("alertState").asText()).isEqualTo("ok");
    JsonNode met = Conditions.get(promise.status().path("status"), PromiseSloStatus.CONDITION);
    assertThat(met.path("status").asText()).isEqualTo("True");
    assertThat(met.path("reason").asText()).isEqualTo("AllObjectivesMet");
    assertThat(slo.status().attachment()).isEqualTo("attached to Promise sf-db");
    env.sleep(Duration.ofSeconds(5));
    // The Promise forwarded the SLO to its request with one signal; nothing ran again.
    assertThat(fakes.pipelineRuns).hasSize((int) runsBefore);
    assertThat(history(WorkflowIds.resource("sf-db", "default", "sf-early")).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName())).contains("slosChanged");
    assertThat(slo.status().totalEvents()).isZero();

    // A new generation of the early request (told by signal), and a new request (learns it from its read of the
    // Promise): both Reconciled at once, good.
    early.apply(KratixYaml.parseOne("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: SfDb
        metadata: {name: sf-early, namespace: default}
        spec: {size: 2}
        """));
    ResourceWorkflow late = request("sf-db", "sf-late");
    FakeWorld.await(() -> reconciled(late));
    SloStatus s = counted(slo, 2);
    assertThat(s.totalEvents()).isEqualTo(2);
    assertThat(s.goodEvents()).isEqualTo(2);

    // A request whose Destination is not ready: not Reconciled within 10 minutes, so bad at apply + 10m.
    fakes.devReady = false;
    long appliedAt = env.currentTimeMillis();
    ResourceWorkflow stuck = request("sf-db", "sf-stuck");
    FakeWorld.await(() -> fakes.runsOf("sf-stuck") == 1);
    env.sleep(Duration.ofMinutes(9));
    assertThat(slo.status().totalEvents()).isEqualTo(2);
    env.sleep(Duration.ofMinutes(6));
    s = counted(slo, 3);
    assertThat(s.totalEvents()).isEqualTo(3);
    assertThat(s.goodEvents()).isEqualTo(2);
    // 1 bad of 3 against a 1% budget: every burn rate is far above 14.4, the SLO pages, and the Promise says so.
    assertThat(s.alertState()).isEqualTo(AlertState.PAGE);
    FakeWorld.await(() -> "page".equals(slosOf(promise).get(0).path("alertState").asText()));
    met = Conditions.get(promise.status().path("status"), PromiseSloStatus.CONDITION);
    assertThat(met.path("status").asText()).isEqualTo("False");
    assertThat(met.path("reason").asText()).isEqualTo("ErrorBudgetBurning");
    assertThat(met.path("message").asText()).isEqualTo("Error budget burning: sf-prov (page)");
    long badAt = s.alertChanges().get(s.alertChanges().size() - 1).at();
    assertThat(badAt - appliedAt).isBetween(Duration.ofMinutes(10).toMillis(), Duration.ofMinutes(10).toMillis() + 1000);

    // Reconciled at last, it is not counted again.
    fakes.devReady = true;
    stuck.destinationsChanged(fakes.destinations());
    FakeWorld.await(() -> reconciled(stuck));
    env.sleep(Duration.ofMinutes(1));
    assertThat(slo.status().totalEvents()).isEqualTo(3);
    assertThat(slo.status().goodEvents()).isEqualTo(2);

    // Deleting the SLO takes it off the Promise, and the condition with it.
    slo.delete();
    FakeWorld.await(() -> slosOf(promise).isMissingNode());
    assertThat(Conditions.get(promise.status().path("status"), PromiseSloStatus.CONDITION)).isNull();
    FakeWorld.recordHistory(env, WorkflowIds.resource("sf-db", "default", "sf-stuck"), "slo-feed-provisioning");
    FakeWorld.recordHistory(env, WorkflowIds.promise("sf-db"), "slo-feed-provisioning");
    FakeWorld.recordHistory(env, WorkflowIds.slo("sf-prov"), "slo-feed-provisioning");
  }

  @Test
  void pipelineRunsAndHealthRecordsFeedTheirSlosAndAnSloWaitsForItsPromise() {
    // The SLO starts before its Promise: tried again a minute later, and the status says so meanwhile.
    SloWorkflow pipeline = startSlo("sf-pipe", "sf-run", "pipeline", null);
    FakeWorld.await(() -> pipeline.status().attachment() != null);
    assertThat(pipeline.status().attachment()).startsWith("Promise sf-run not found: trying again at ");
    PromiseWorkflow promise = applyPromise("sf-run");
    env.sleep(Duration.ofMinutes(2));
    FakeWorld.await(() -> slosOf(promise).size() == 1);
    assertThat(pipeline.status().attachment()).isEqualTo("attached to Promise sf-run");
    SloWorkflow health = startSlo("sf-health", "sf-run", "health", null);
    FakeWorld.await(() -> slosOf(promise).size() == 2);
    assertThat(slosOf(promise).findValuesAsText("name")).containsExactly("sf-health", "sf-pipe");

    // The Promise's own configure run counts (good), a request's succeeding run (good) and a failing one (bad).
    promise.reconcile();
    fakes.fails = run -> run.object().path("metadata").path("name").asText().equals("sf-fails");
    ResourceWorkflow ok = request("sf-run", "sf-works");
    request("sf-run", "sf-fails");
    SloStatus p = counted(pipeline, 3);
    assertThat(p.totalEvents()).isEqualTo(3);
    assertThat(p.goodEvents()).isEqualTo(2);
    assertThat(p.alertState()).isEqualTo(AlertState.PAGE);

    // Health records: healthy is good, unhealthy bad.
    ok.healthRecorded(record("healthy"));
    assertThat(counted(health, 1).goodEvents()).isEqualTo(1);
    ok.healthRecorded(record("unhealthy"));
    SloStatus h = counted(health, 2);
    assertThat(h.totalEvents()).isEqualTo(2);
    assertThat(h.goodEvents()).isEqualTo(1);
    FakeWorld.await(() -> Conditions.get(promise.status().path("status"), PromiseSloStatus.CONDITION).path("message")
        .asText().equals("Error budget burning: sf-health (page), sf-pipe (page)"));

    // Deleted, the health SLO leaves the Promise; the pipeline one stays.
    health.delete();
    FakeWorld.await(() -> slosOf(promise).size() == 1);
    assertThat(slosOf(promise).get(0).path("name").asText()).isEqualTo("sf-pipe");
    FakeWorld.recordHistory(env, WorkflowIds.resource("sf-run", "default", "sf-works"), "slo-feed-pipeline-health");
    FakeWorld.recordHistory(env, WorkflowIds.promise("sf-run"), "slo-feed-pipeline-health");
    FakeWorld.recordHistory(env, WorkflowIds.slo("sf-pipe"), "slo-feed-pipeline-health");
  }

  @Test
  void anSloAppliedAgainForAnotherPromiseLeavesTheFirstAndJoinsTheSecond() {
    PromiseWorkflow first = applyPromise("sf-from");
    PromiseWorkflow second = applyPromise("sf-to");
    SloWorkflow slo = startSlo("sf-moved", "sf-from", "pipeline", null);
    FakeWorld.await(() -> slosOf(first).size() == 1);

    String moved = SLO.formatted("sf-moved", "sf-to", "pipeline", "sf-to", "pipeline");
    slo.apply(Slo.parse(KratixYaml.parseOne(moved), Map.of()));
    FakeWorld.await(() -> slosOf(second).size() == 1);
    FakeWorld.await(() -> slosOf(first).isEmpty());
    assertThat(slo.status().attachment()).isEqualTo("attached to Promise sf-to");
    assertThat(slo.status().promise()).isEqualTo("sf-to");
    // The second Promise's runs count now.
    second.reconcile();
    assertThat(counted(slo, 1).goodEvents()).isEqualTo(1);
    FakeWorld.recordHistory(env, WorkflowIds.slo("sf-moved"), "slo-moved-to-another-promise");
  }

  private static ObjectNode record(String state) {
    return KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: sf-probe, namespace: default}
        data: {state: %s, lastRun: 1}
        """.formatted(state));
  }

  @Test
  void aPromiseWithoutSlosCostsItsRequestsNoEvent() {
    applyPromise("sf-plain");
    applyPromise("sf-watched");
    PromiseWorkflow watched = client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise("sf-watched"));
    startSlo("sf-watch", "sf-watched", "health", null);
    FakeWorld.await(() -> slosOf(watched).size() == 1);

    ResourceWorkflow plain = request("sf-plain", "sf-p1");
    ResourceWorkflow seen = request("sf-watched", "sf-w1");
    FakeWorld.await(() -> reconciled(plain) && reconciled(seen));
    env.sleep(Duration.ofMinutes(1));
    List<EventType> withoutSlos = decisions(WorkflowIds.resource("sf-plain", "default", "sf-p1"));
    List<EventType> withSlo = decisions(WorkflowIds.resource("sf-watched", "default", "sf-w1"));
    // The health SLO, learnt from the read of the Promise, costs the request nothing until a health record comes:
    // the same commands, one for one (workflow tasks aside, which follow the test server's timing).
    assertThat(withSlo).isNotEmpty().containsExactlyElementsOf(withoutSlos);
  }
}

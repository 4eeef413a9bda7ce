package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.PlatformSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation interval is a durable timer: with time skipping, hours pass in milliseconds. */
class PeriodicReconciliationTest {
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: tick
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: ticks.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: Tick, plural: ticks, singular: tick}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          %s
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: once}
                spec:
                  containers: [{name: c, image: example/tick:v1}]
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class);
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ResourceWorkflow request(String name) {
    return FakeWorld.startRequest(env, "tick", "Tick", "default", name);
  }

  @Test
  void aSucceededWorkflowRerunsAfterTheDefaultTenHours() {
    fakes.addPromise(PROMISE.formatted(""));
    request("hourly");
    env.sleep(Duration.ofMinutes(1));
    assertThat(fakes.runsOf("hourly")).isEqualTo(1);
    env.sleep(Duration.ofHours(9));
    assertThat(fakes.runsOf("hourly")).isEqualTo(1);
    env.sleep(Duration.ofHours(1).plusMinutes(1));
    assertThat(fakes.runsOf("hourly")).isEqualTo(2);
    env.sleep(Duration.ofHours(10).plusMinutes(1));
    assertThat(fakes.runsOf("hourly")).isEqualTo(3);
  }

  @Test
  void thePromiseIntervalWinsOverTheDefault() {
    fakes.addPromise(PROMISE.formatted("config: {reconciliationInterval: 2m}"));
    request("often");
    env.sleep(Duration.ofMinutes(7));
    assertThat(fakes.runsOf("often")).isEqualTo(4);
  }

  @Test
  void nothingReruns_whenTheIntervalIsZero() {
    fakes.settings = new PlatformSettings("0", true, 4, 4000, "10h");
    fakes.addPromise(PROMISE.formatted(""));
    request("never");
    env.sleep(Duration.ofDays(30));
    assertThat(fakes.runsOf("never")).isEqualTo(1);
  }

  @Test
  void aRequestReconciledEveryMinuteKeepsAShortHistory() {
    fakes.settings = new PlatformSettings("10h", true, 4, 150, "10h");
    fakes.addPromise(PROMISE.formatted("config: {reconciliationInterval: 1m}"));
    ResourceWorkflow stub = request("busy");
    String firstRun = client.newUntypedWorkflowStub(WorkflowIds.resource("tick", "default", "busy")).getExecution().getRunId();
    env.sleep(Duration.ofHours(3));
    assertThat(fakes.runsOf("busy")).isBetween(175L, 182L);
    var history = client.fetchHistory(WorkflowIds.resource("tick", "default", "busy"));
    assertThat(history.getEvents().size()).isLessThan(200);
    assertThat(history.getWorkflowExecution().getRunId()).isNotEqualTo(firstRun);
    // The state went across: same generation, the placement still recorded.
    var status = stub.status();
    assertThat(status.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(status.path("status").path("workflows").asInt()).isEqualTo(1);
  }

  @Test
  void placementsAreWrittenAgainEveryStateStoreInterval_withoutRerunningPipelines() {
    fakes.settings = new PlatformSettings("10h", true, 4, 4000, "5m");
    fakes.addPromise(PROMISE.formatted(""));
    request("drifty");
    env.sleep(Duration.ofMinutes(1));
    long first = writesOf("drifty");
    assertThat(first).isEqualTo(1);
    env.sleep(Duration.ofMinutes(15));
    assertThat(fakes.runsOf("drifty")).isEqualTo(1);
    assertThat(writesOf("drifty")).isEqualTo(4);
    assertThat(fakes.writes.get(fakes.writes.size() - 1).files()).extracting(f -> f.path())
        .containsExactly(fakes.writes.get(0).files().get(0).path());
  }

  private long writesOf(String request) {
    return fakes.writes.stream().filter(w -> w.message().contains("-" + request + "-")).count();
  }
}

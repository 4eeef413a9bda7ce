package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.CanaryCheck;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.slo.Slo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary requests of a provisioning SLO (docs/slos.md, "Canaries"): applied through the request workflow every
 * interval, deleted once Reconciled or at the timeout, and counted by the SLO like any request of the Promise.
 * Time-skipping test server, in-memory activities.
 */
class CanaryTest {
  static final String SLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: %1$s}
      spec:
        indicator:
          metadata: {name: events}
          spec:
            ratioMetric:
              good: {metricSource: {type: kratix, spec: {promise: %2$s, sli: provisioning, within: 5m,
                canary: {interval: %3$s, timeout: 15m, spec: {size: 1}, destinationSelector: {env: dev}}}}}
              total: {metricSource: {type: kratix, spec: {promise: %2$s, sli: provisioning}}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(TestEnvironmentOptions.newBuilder().setInitialTime(Instant.ofEpochMilli(SloFeedTest.T0)).build(),
        fakes, PromiseWorkflowImpl.class, ResourceWorkflowImpl.class, PlatformWorkflowImpl.class, SloWorkflowImpl.class,
        CanaryWorkflowImpl.class);
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

  private void applyPromise(String name) {
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(WorkflowIds.promise(name)));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(SloFeedTest.PROMISE.formatted(name)));
    FakeWorld.await(() -> "Available".equals(promise.status().path("status").path("status").asText()));
  }

  private SloWorkflow startSlo(String name, String promise, String interval) {
    Slo slo = Slo.parse(KratixYaml.parseOne(SLO.formatted(name, promise, interval)), Map.of());
    SloWorkflow stub = client.newWorkflowStub(SloWorkflow.class, options(WorkflowIds.slo(name)));
    WorkflowClient.start(stub::run, SloWorkflowState.of(slo));
    return client.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo(name));
  }

  private CanaryWorkflow canary(String slo) {
    return client.newWorkflowStub(CanaryWorkflow.class, WorkflowIds.canary(slo));
  }

  private static String canaryId(String promise, String slo, int n) {
    return WorkflowIds.resource(promise, "kratix-canaries", slo + "-canary-" + n);
  }

  private WorkflowExecutionStatus statusOf(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
  }

  @Test
  void aCanaryEveryInterval_deletedOnceReconciled_countedGood() {
    applyPromise("cn-db");
    SloWorkflow slo = startSlo("cn-prov", "cn-db", "10m");
    FakeWorld.await(() -> fakes.canariesDeleted.size() == 1);
    assertThat(fakes.canariesApplied).containsExactly(canaryId("cn-db", "cn-prov", 1));
    ObjectNode request = fakes.canaryRequests.get(0);
    assertThat(request.path("apiVersion").asText()).isEqualTo("test.kratix.dev/v1alpha1");
    assertThat(request.path("kind").asText()).isEqualTo("SfDb");
    assertThat(request.path("metadata").path("labels").path("kratix.io/canary").asText()).isEqualTo("true");
    assertThat(request.path("metadata").path("annotations").path("kratix.io/destination-selector").asText())
        .isEqualTo("env=dev");
    assertThat(request.path("spec").path("size").asInt()).isEqualTo(1);
    assertThat(fakes.runsOf("cn-prov-canary-1")).isEqualTo(1);
    FakeWorld.await(() -> slo.status().totalEvents() == 1);
    assertThat(slo.status().goodEvents()).isEqualTo(1);
    FakeWorld.await(() -> fakes.check(canaryId("cn-db", "cn-prov", 1)) == CanaryCheck.GONE);

    // The next one at the interval, not before.
    env.sleep(Duration.ofMinutes(8));
    assertThat(fakes.canariesApplied).hasSize(1);
    env.sleep(Duration.ofMinutes(3));
    FakeWorld.await(() -> fakes.canariesDeleted.size() == 2);
    assertThat(fakes.canariesApplied).containsExactly(canaryId("cn-db", "cn-prov", 1), canaryId("cn-db", "cn-prov", 2));
    FakeWorld.await(() -> slo.status().totalEvents() == 2);
    assertThat(slo.status().goodEvents()).isEqualTo(2);
    FakeWorld.await(() -> canary("cn-prov").status().reconciled() == 2);
    assertThat(canary("cn-prov").status().timedOut()).isZero();
    FakeWorld.recordHistory(env, WorkflowIds.canary("cn-prov"), "session8/canary-reconciled");
  }

  @Test
  void aFailingPipeline_countsBadAtApplyPlusWithin_andTheCanaryIsDeletedAtTheTimeout() {
    fakes.fails = run -> run.object().path("metadata").path("name").asText().startsWith("cn-bad-canary");
    applyPromise("cn-db");
    SloWorkflow slo = startSlo("cn-bad", "cn-db", "1h");
    String first = canaryId("cn-db", "cn-bad", 1);
    FakeWorld.await(() -> fakes.runsOf("cn-bad-canary-1") == 1);
    env.sleep(Duration.ofMinutes(4));
    assertThat(slo.status().totalEvents()).isZero();
    env.sleep(Duration.ofMinutes(2));
    FakeWorld.await(() -> slo.status().totalEvents() == 1);
    assertThat(slo.status().goodEvents()).isZero();
    assertThat(fakes.canariesDeleted).isEmpty();
    assertThat(fakes.check(first)).isEqualTo(CanaryCheck.PENDING);

    // 15 minutes after its apply it is deleted, and waited for until gone.
    env.sleep(Duration.ofMinutes(10));
    FakeWorld.await(() -> fakes.canariesDeleted.size() == 1);
    FakeWorld.await(() -> fakes.check(first) == CanaryCheck.GONE);
    FakeWorld.await(() -> canary("cn-bad").status().timedOut() == 1);
    assertThat(canary("cn-bad").status().reconciled()).isZero();
    assertThat(slo.status().totalEvents()).isEqualTo(1);
    FakeWorld.recordHistory(env, WorkflowIds.canary("cn-bad"), "session8/canary-timed-out");
  }

  @Test
  void deletingTheSlo_deletesTheCanaryInFlight_andStopsTheCanaries() {
    fakes.fails = run -> run.object().path("metadata").path("name").asText().startsWith("cn-gone-canary");
    applyPromise("cn-db");
    SloWorkflow slo = startSlo("cn-gone", "cn-db", "10m");
    String first = canaryId("cn-db", "cn-gone", 1);
    FakeWorld.await(() -> fakes.runsOf("cn-gone-canary-1") == 1);
    env.sleep(Duration.ofMinutes(1));
    assertThat(fakes.canariesDeleted).isEmpty();

    slo.delete();
    FakeWorld.await(() -> fakes.canariesDeleted.contains(first));
    FakeWorld.await(() -> statusOf(WorkflowIds.canary("cn-gone")) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(fakes.check(first)).isEqualTo(CanaryCheck.GONE);
    // canary/<slo> has completed: no canary comes after.
    assertThat(fakes.canariesApplied).containsExactly(first);
    FakeWorld.recordHistory(env, WorkflowIds.canary("cn-gone"), "session8/canary-stopped");
    FakeWorld.recordHistory(env, WorkflowIds.slo("cn-gone"), "session8/canary-stopped");
  }
}

package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.PromiseVersion;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request registering with its Promise: one that could not (its workflow was not running) tries again and converges;
 * one told of the very Promise version it is already running does not run again.
 */
class RequestRegistrationTest {
  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class, PromiseWorkflowImpl.class, PlatformWorkflowImpl.class);
    FakeWorld.startPlatform(env);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aRequestWhosePromiseWasMissingRegistersOnceItIsAppliedAndConverges() {
    FakeWorld.startRequest(env, "tick", "Tick", "default", "reg-early");
    env.sleep(Duration.ofMinutes(3));
    assertThat(fakes.runsOf("reg-early")).isZero();

    String yaml = PeriodicReconciliationTest.PROMISE.formatted("");
    fakes.addPromise(yaml);
    PromiseWorkflow promise = env.getWorkflowClient().newWorkflowStub(PromiseWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.promise("tick")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(yaml));
    // The request tries again after 1, 2, then 4 minutes (at minutes 1, 3 and 7), then less and less often.
    env.sleep(Duration.ofMinutes(5));

    assertThat(promise.requests()).containsExactly(WorkflowIds.resource("tick", "default", "reg-early"));
    assertThat(fakes.runsOf("reg-early")).isEqualTo(1);
  }

  @Test
  void aRequestToldOfThePromiseVersionItIsRunningFinishesItsRunWithoutStartingAgain() {
    // The Promise of PeriodicReconciliationTest with a second resource pipeline after its "once".
    String yaml = PeriodicReconciliationTest.PROMISE.formatted("") + """
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: twice}
                spec:
                  containers: [{name: c, image: example/tick:v1}]
        """.indent(2);
    fakes.addPromise(yaml);
    PromiseWorkflow promise = env.getWorkflowClient().newWorkflowStub(PromiseWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.promise("tick")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(yaml));
    FakeWorld.await(() -> "Available".equals(promise.status().path("status").path("status").asText()));

    fakes.hold = new java.util.concurrent.CountDownLatch(1);
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "reg-told");
    FakeWorld.await(() -> fakes.running.get() == 1);
    // What the Promise says to a request that registers while it tells all of them (a race at every apply).
    request.promiseChanged(new PromiseVersion(1, true, Hashing.specHash(KratixYaml.parseOne(yaml).get("spec"))));
    fakes.hold.countDown();
    FakeWorld.await(() -> fakes.runsOf("reg-told") >= 2);
    env.sleep(Duration.ofMinutes(5));

    assertThat(fakes.pipelineRuns).containsExactly("reg-told/once", "reg-told/twice");
    assertThat(Conditions.isTrue(request.status().path("status"), Conditions.RECONCILED)).isTrue();
    FakeWorld.recordHistory(env, WorkflowIds.resource("tick", "default", "reg-told"), "told-while-running");
  }
}

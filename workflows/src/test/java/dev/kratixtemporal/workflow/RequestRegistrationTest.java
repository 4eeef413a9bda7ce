package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request that could not register with its Promise (its workflow was not running) tries again, and converges. */
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
}

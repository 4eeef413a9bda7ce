package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.workflows.config.pipelineNamespace: a request's Works, and so its files, live in that namespace (spec 7.1). */
class PipelineNamespaceTest {
  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void theRequestsFilesGoUnderThePipelineNamespace() {
    fakes.addPromise(PeriodicReconciliationTest.PROMISE.formatted("config: {pipelineNamespace: pipelines}"));
    FakeWorld.startRequest(env, "tick", "Tick", "team-a", "mine");
    env.sleep(Duration.ofMinutes(1));

    assertThat(fakes.writes).hasSize(1);
    assertThat(fakes.writes.get(0).files().get(0).path()).startsWith("dev/resources/pipelines/tick/mine/once/");
  }
}

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
    ResourceWorkflow stub = env.getWorkflowClient().newWorkflowStub(ResourceWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.resource("tick", "team-a", "mine")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(stub::run, new ObjectState());
    stub.apply(KratixYaml.parseOne("apiVersion: test.kratix.dev/v1alpha1\nkind: Tick\nmetadata: {name: mine, namespace: team-a}\nspec: {}\n"));
    env.sleep(Duration.ofMinutes(1));

    assertThat(fakes.writes).hasSize(1);
    assertThat(fakes.writes.get(0).files().get(0).path()).startsWith("dev/resources/pipelines/tick/mine/once/");
  }
}

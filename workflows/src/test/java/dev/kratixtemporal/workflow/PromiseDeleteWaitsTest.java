package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Promise deleted while the Destination of its dependencies is not ready keeps them, waits, then removes them. */
class PromiseDeleteWaitsTest {
  private static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata: {name: pdw}
      spec:
        dependencies:
          - {apiVersion: v1, kind: Namespace, metadata: {name: pdw-system}}
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, PromiseWorkflowImpl.class, PlatformWorkflowImpl.class);
    client = env.getWorkflowClient();
    FakeWorld.startPlatform(env);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }

  private WorkflowExecutionStatus executionStatus(String workflowId) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace(env.getNamespace())
            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getStatus();
  }

  private long deletes() {
    return fakes.writes.stream().filter(w -> w.message().startsWith("Delete from: ")).count();
  }

  @Test
  void aPromiseDeletedWhileItsDestinationIsNotReadyWaitsForItThenRemovesItsDependencies() {
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(WorkflowIds.promise("pdw")));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(PROMISE));
    env.sleep(Duration.ofSeconds(30));
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Update from: pdw-static-deps"));

    fakes.devReady = false;
    promise.delete();
    env.sleep(Duration.ofSeconds(30));
    JsonNode status = promise.status();
    JsonNode works = null;
    for (JsonNode c : status.path("status").path("conditions")) {
      if (Conditions.WORKS_SUCCEEDED.equals(c.path("type").asText())) works = c;
    }
    assertThat(works).isNotNull();
    assertThat(works.path("reason").asText()).isEqualTo("DeleteWaitingForDestination");
    assertThat(status.path("status").path("kratix").path("pendingDeletes").get(0).path("destination").asText())
        .isEqualTo("dev");
    assertThat(deletes()).isZero();
    assertThat(executionStatus(WorkflowIds.promise("pdw"))).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    // The Destination is ready again: the platform tells the Promise, which removes its files and ends.
    fakes.devReady = true;
    promise.destinationsChanged(fakes.destinations());
    env.sleep(Duration.ofSeconds(30));
    assertThat(deletes()).isEqualTo(1);
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Delete from: pdw-static-deps"));
    assertThat(executionStatus(WorkflowIds.promise("pdw"))).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}

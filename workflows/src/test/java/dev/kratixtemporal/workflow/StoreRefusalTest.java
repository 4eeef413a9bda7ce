package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that refuses a write for good (an unsafe path) is named in the status of the object that wrote, and
 * its workflow lives on, rather than the workflow failing or the status saying Ready.
 */
class StoreRefusalTest {
  private static final String REFUSAL = "path \"../../../tmp/out.yaml\" is outside the state store path \"\"";

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();

  @BeforeEach
  void start() {
    fakes.refuse = change -> ApplicationFailure.newNonRetryableFailure(REFUSAL, "StatePathOutsideStore");
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class, DestinationWorkflowImpl.class, PlatformWorkflowImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static JsonNode condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) if (type.equals(c.path("type").asText())) return c;
    return KratixYaml.JSON.createObjectNode();
  }

  private WorkflowExecutionStatus executionStatus(String workflowId) {
    return env.getWorkflowClient().getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace(env.getNamespace())
            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getStatus();
  }

  @Test
  void aRefusedPlacementWriteNamesThePathInTheRequestStatus() {
    fakes.addPromise(PeriodicReconciliationTest.PROMISE.formatted(""));
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sto-refused");
    env.sleep(Duration.ofMinutes(1));
    JsonNode status = request.status();
    assertThat(condition(status, Conditions.WORKS_SUCCEEDED).path("status").asText()).isEqualTo("False");
    assertThat(condition(status, Conditions.WORKS_SUCCEEDED).path("reason").asText()).isEqualTo("WorkloadsFailedWrite");
    assertThat(condition(status, Conditions.WORKS_SUCCEEDED).path("message").asText()).isEqualTo(REFUSAL);
    assertThat(condition(status, Conditions.RECONCILED).path("status").asText()).isEqualTo("False");
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sto-refused")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aRefusedCanaryWriteMakesTheDestinationNotReadyNamingThePath() {
    DestinationWorkflow destination = startDestination("sto-bad", "../../../tmp");
    env.sleep(Duration.ofMinutes(1));
    JsonNode ready = condition(destination.status(), Conditions.READY);
    assertThat(ready.path("status").asText()).isEqualTo("False");
    assertThat(ready.path("reason").asText()).isEqualTo("StateStoreWriteFailed");
    assertThat(ready.path("message").asText()).isEqualTo(REFUSAL);
    assertThat(executionStatus(WorkflowIds.destination("sto-bad")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aCanaryWriteThatKeepsFailingMakesTheDestinationNotReadyAndIsTriedAgain() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    fakes.refuse = change -> down.get() ? new IllegalStateException("cannot reach http://git.example/state.git") : null;
    DestinationWorkflow destination = startDestination("sto-flaky", "flaky");
    // A few attempts, not forever: the Destination says why it is not ready and stays responsive.
    env.sleep(Duration.ofSeconds(20));
    JsonNode notReady = condition(destination.status(), Conditions.READY);
    assertThat(notReady.path("status").asText()).isEqualTo("False");
    assertThat(notReady.path("reason").asText()).isEqualTo("StateStoreWriteFailed");
    assertThat(notReady.path("message").asText()).isEqualTo("cannot reach http://git.example/state.git");

    down.set(false);
    env.sleep(Duration.ofSeconds(40));
    JsonNode ready = condition(destination.status(), Conditions.READY);
    assertThat(ready.path("status").asText()).isEqualTo("True");
    assertThat(fakes.writes).anyMatch(w -> w.message().equals("Update from: kratix-canary"));
  }

  /** The platform and one Destination on the default store, as the API would start them. */
  private DestinationWorkflow startDestination(String name, String path) {
    WorkflowClient client = env.getWorkflowClient();
    PlatformWorkflow platform = client.newWorkflowStub(PlatformWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.PLATFORM).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(platform::run, null);
    DestinationWorkflow destination = client.newWorkflowStub(DestinationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.destination(name)).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(destination::run, new DestinationWorkflowState());
    destination.apply(KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: %s}
        spec:
          path: %s
          stateStoreRef: {kind: GitStateStore, name: default}
        """.formatted(name, path)));
    return destination;
  }
}

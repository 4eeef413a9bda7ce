package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Store writes that give up, and deletes that wait (docs/store-writes.md), on Temporal's time-skipping test
 * environment with in-memory activities: the subject is the workflow's decisions over hours, not the store.
 */
class StoreWritesTest {
  private static final String MISSING = "Secret sw-creds not found in namespace default";

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();

  @BeforeEach
  void start() {
    fakes.addPromise(PeriodicReconciliationTest.PROMISE.formatted(""));
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class);
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

  private long timers(String request) {
    return env.getWorkflowClient().fetchHistory(WorkflowIds.resource("tick", "default", request)).getEvents().stream()
        .filter(e -> e.hasTimerStartedEventAttributes()).count();
  }

  private long deletes() {
    return fakes.writes.stream().filter(w -> w.message().startsWith("Delete from: ")).count();
  }

  @Test
  void aWriteThatCannotSucceedIsNamedOnTheStatusAndTriedAgainOnATimerUntilTheCauseIsFixed() {
    AtomicInteger attempts = new AtomicInteger();
    fakes.refuse = change -> {
      attempts.incrementAndGet();
      return ApplicationFailure.newNonRetryableFailure(MISSING, "SecretNotFound");
    };
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sw-secret");
    env.sleep(Duration.ofSeconds(30));

    JsonNode works = condition(request.status(), Conditions.WORKS_SUCCEEDED);
    assertThat(works.path("status").asText()).isEqualTo("False");
    assertThat(works.path("reason").asText()).isEqualTo("SecretNotFound");
    assertThat(works.path("message").asText()).isEqualTo("Destination dev, GitStateStore/default: " + MISSING);
    assertThat(condition(request.status(), Conditions.RECONCILED).path("status").asText()).isEqualTo("False");
    // Non-retryable: one attempt, then the workflow waits instead of failing.
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-secret")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    // The retry timer (2 min, then 4, 8, ...) tries again while the cause lasts.
    env.sleep(Duration.ofMinutes(3));
    assertThat(attempts.get()).isEqualTo(2);

    fakes.refuse = change -> null;
    env.sleep(Duration.ofMinutes(5));
    assertThat(condition(request.status(), Conditions.WORKS_SUCCEEDED).path("status").asText()).isEqualTo("True");
    assertThat(condition(request.status(), Conditions.RECONCILED).path("status").asText()).isEqualTo("True");
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Update from: ")
        && w.files().stream().anyMatch(f -> f.path().endsWith("/out.yaml")));
    FakeWorld.recordHistory(env, WorkflowIds.resource("tick", "default", "sw-secret"), "write-retry-timer");
  }

  @Test
  void aStoreThatStaysDownIsGivenUpOnAfterTenAttemptsAndTheStatusSaysSo() {
    AtomicInteger attempts = new AtomicInteger();
    fakes.refuse = change -> {
      attempts.incrementAndGet();
      return new IllegalStateException("cannot reach http://git.example/state.git: Connection refused");
    };
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sw-down");
    // 1 s doubling to 1 min between attempts: about 4 minutes for ten.
    env.sleep(Duration.ofMinutes(6));
    assertThat(attempts.get()).isEqualTo(Stubs.STORE_WRITE_ATTEMPTS);
    JsonNode works = condition(request.status(), Conditions.WORKS_SUCCEEDED);
    assertThat(works.path("reason").asText()).isEqualTo("StoreWriteFailed");
    assertThat(works.path("message").asText()).isEqualTo("Destination dev, GitStateStore/default: cannot reach "
        + "http://git.example/state.git: Connection refused (gave up after 10 attempts)");
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-down")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aDeleteWhileTheDestinationIsNotReadyKeepsThePlacementAndDeletesItsFilesOnceReady() {
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sw-wait");
    env.sleep(Duration.ofSeconds(30));
    assertThat(condition(request.status(), Conditions.RECONCILED).path("status").asText()).isEqualTo("True");

    fakes.devReady = false;
    request.delete();
    env.sleep(Duration.ofSeconds(30));
    JsonNode status = request.status();
    assertThat(deletes()).isZero();
    JsonNode works = condition(status, Conditions.WORKS_SUCCEEDED);
    assertThat(works.path("reason").asText()).isEqualTo("DeleteWaitingForDestination");
    assertThat(works.path("message").asText()).contains("Destination dev is not ready");
    JsonNode pending = status.path("status").path("kratix").path("pendingDeletes");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("destination").asText()).isEqualTo("dev");
    assertThat(pending.get(0).path("waitingFor").asText()).isEqualTo("Destination dev is not ready");
    assertThat(status.path("status").path("message").asText()).isEqualTo("Deleting: waiting for Destination dev");

    // Hours pass: the wait is a few long timers (1 min doubling to 15 min: 15 in 3 hours), not a loop.
    long before = timers("sw-wait");
    env.sleep(Duration.ofHours(3));
    assertThat(timers("sw-wait") - before).isBetween(10L, 16L);
    assertThat(deletes()).isZero();

    fakes.devReady = true;
    request.destinationsChanged(fakes.destinations());
    env.sleep(Duration.ofSeconds(30));
    assertThat(deletes()).isEqualTo(1);
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-wait")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    FakeWorld.recordHistory(env, WorkflowIds.resource("tick", "default", "sw-wait"), "deletes-wait-for-destination");
  }

  @Test
  void aDestinationDeletedWhileADeleteWaitsReleasesIt() {
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sw-gone");
    env.sleep(Duration.ofSeconds(30));
    fakes.devReady = false;
    request.delete();
    env.sleep(Duration.ofSeconds(30));
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-gone")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    fakes.devRegistered = false;
    request.destinationsChanged(fakes.destinations());
    env.sleep(Duration.ofSeconds(30));
    // Its files are the deleted Destination's cleanup policy's to handle, not ours.
    assertThat(deletes()).isZero();
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-gone")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void aDeleteThatCannotWriteWaitsAndIsTriedAgainOnItsTimer() {
    ResourceWorkflow request = FakeWorld.startRequest(env, "tick", "Tick", "default", "sw-del");
    env.sleep(Duration.ofSeconds(30));
    fakes.refuse = change -> ApplicationFailure.newNonRetryableFailure(MISSING, "SecretNotFound");
    request.delete();
    env.sleep(Duration.ofSeconds(30));
    JsonNode pending = request.status().path("status").path("kratix").path("pendingDeletes");
    assertThat(pending.get(0).path("waitingFor").asText()).isEqualTo("Destination dev, GitStateStore/default: " + MISSING);

    fakes.refuse = change -> null;
    // No readiness change here: the wait's own timer (1 min, doubling) retries.
    env.sleep(Duration.ofMinutes(2));
    assertThat(deletes()).isEqualTo(1);
    assertThat(executionStatus(WorkflowIds.resource("tick", "default", "sw-del")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}

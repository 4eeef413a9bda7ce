package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change reaches only the workflows it concerns, and only when something changed: a store that stays NotReady
 * through many rechecks signals nobody, while going NotReady and coming back reaches each request once each way.
 */
class StoreRecheckSignalsTest {
  private static final List<String> REQUESTS = List.of("rck-a", "rck-b", "rck-c");

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, PlatformWorkflowImpl.class, StateStoreWorkflowImpl.class, DestinationWorkflowImpl.class,
        PromiseWorkflowImpl.class, ResourceWorkflowImpl.class);
    client = env.getWorkflowClient();
    fakes.client = client;
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aNotReadyStoreRecheckedTwentyTimesSignalsNoRequest() {
    FakeWorld.startPlatform(env);
    apply(StateStoreWorkflow.class, WorkflowIds.store("GitStateStore", "default"), """
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata: {name: default}
        spec: {url: "http://git.example/state.git", branch: main, secretRef: {name: git, namespace: default}}
        """);
    apply(DestinationWorkflow.class, WorkflowIds.destination("dev"), """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: dev, labels: {environment: dev}}
        spec: {path: dev, stateStoreRef: {kind: GitStateStore, name: default}}
        """);
    String promise = PeriodicReconciliationTest.PROMISE.formatted("");
    fakes.addPromise(promise);
    apply(PromiseWorkflow.class, WorkflowIds.promise("tick"), promise);
    REQUESTS.forEach(name -> FakeWorld.startRequest(env, "tick", "Tick", "default", name));
    awaitInWorkflowTime(() -> REQUESTS.stream().allMatch(r -> reconciled(r)));

    // The store goes down: the Destination leaves the snapshot, and each request hears of it once.
    fakes.storeDown = store -> true;
    int checksBefore = fakes.storeChecks.get();
    awaitInWorkflowTime(() -> fakes.storeChecks.get() >= checksBefore + 2);
    assertThat(client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).readyDestinations().destinations())
        .isEmpty();
    List<Long> signalsWhenDown = REQUESTS.stream().map(this::signalsTo).toList();

    int checksDown = fakes.storeChecks.get();
    awaitInWorkflowTime(() -> fakes.storeChecks.get() >= checksDown + 20);
    System.out.printf("store rechecked %d times while NotReady; signals to requests %s -> %s%n",
        fakes.storeChecks.get() - checksDown, signalsWhenDown, REQUESTS.stream().map(this::signalsTo).toList());
    assertThat(REQUESTS.stream().map(this::signalsTo).toList()).isEqualTo(signalsWhenDown);

    // Back up: the requests hear of it again, once.
    fakes.storeDown = store -> false;
    awaitInWorkflowTime(() -> !client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).readyDestinations()
        .destinations().isEmpty());
    env.sleep(Duration.ofMinutes(1));
    List<Long> signalsWhenUp = REQUESTS.stream().map(this::signalsTo).toList();
    IntStream.range(0, REQUESTS.size()).forEach(i ->
        assertThat(signalsWhenUp.get(i)).as(REQUESTS.get(i)).isEqualTo(signalsWhenDown.get(i) + 1));
  }

  private boolean reconciled(String request) {
    ObjectNode status = client.newWorkflowStub(ResourceWorkflow.class, WorkflowIds.resource("tick", "default", request))
        .status();
    for (var c : status.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Reconciled")) return c.path("status").asText().equals("True");
    }
    return false;
  }

  /** Signals a request's workflow has received, over all its runs. */
  private long signalsTo(String request) {
    return client.fetchHistory(WorkflowIds.resource("tick", "default", request)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).count();
  }

  private <T extends EntityWorkflow> void apply(Class<T> type, String workflowId, String yaml) {
    client.newUntypedWorkflowStub(type.getSimpleName(), options(workflowId)).start(new EntityWorkflowState());
    client.newWorkflowStub(type, workflowId).apply(KratixYaml.parseOne(yaml));
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }

  /** Lets workflow time pass, a minute at a time, until the condition holds (at most a simulated day). */
  private void awaitInWorkflowTime(java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 24 * 60; i++) {
      if (condition.getAsBoolean()) return;
      env.sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError("condition not met within a day of workflow time");
  }
}

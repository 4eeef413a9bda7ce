package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 requests under one Promise, and a Promise update that converges them all: no workflow's history may grow
 * past 20,000 events (Temporal terminates a workflow at 51,200), and every continue-as-new must carry on.
 */
class ScaleTest {
  static final int REQUESTS = Integer.getInteger("scale.requests", 10_000);
  static final int MAX_EVENTS = 20_000;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    // Converging 100 at a time keeps the test short; the fan-out and its history are the same at any width.
    fakes.settings = new PlatformSettings("10h", true, 100, 4000, "10h");
    // No time skipping: nothing here waits for a timer, and the test server's time-skipping bookkeeping grows with
    // every timer of 10,000 workflows.
    env = FakeWorld.start(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build(), fakes,
        ResourceWorkflowImpl.class, PromiseWorkflowImpl.class, PlatformWorkflowImpl.class);
    client = env.getWorkflowClient();
    FakeWorld.startPlatform(env);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void tenThousandRequestsConvergeAfterAPromiseUpdateWithBoundedHistories() throws Exception {
    fakes.addPromise(promise("5h"));
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(WorkflowIds.promise("tick")));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(promise("5h")));

    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> applied = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String name = "r" + i;
      applied.add(pool.submit(() -> FakeWorld.startRequest(env, "tick", "Tick", "default", name)));
    }
    for (Future<?> f : applied) f.get();
    pool.shutdown();
    await(() -> fakes.pipelineRuns.size() >= REQUESTS && promise.requests().size() == REQUESTS);
    System.out.printf("scale: %d requests applied and run in %.1f s%n", REQUESTS, (System.nanoTime() - started) / 1e9);

    started = System.nanoTime();
    fakes.addPromise(promise("6h"));
    promise.apply(KratixYaml.parseOne(promise("6h")));
    await(() -> fakes.pipelineRuns.size() >= 2 * REQUESTS);
    System.out.printf("scale: Promise update converged %d requests in %.1f s%n", REQUESTS, (System.nanoTime() - started) / 1e9);
    for (int i = 0; i < REQUESTS; i += 997) assertThat(fakes.runsOf("r" + i)).isEqualTo(2);

    long largest = 0;
    String largestId = null;
    List<String> ids = new ArrayList<>(List.of(WorkflowIds.PLATFORM, WorkflowIds.promise("tick")));
    for (int i = 0; i < REQUESTS; i++) ids.add(WorkflowIds.resource("tick", "default", "r" + i));
    for (String id : ids) {
      for (List<HistoryEvent> run : runs(id)) {
        if (run.size() > largest) {
          largest = run.size();
          largestId = id;
        }
        HistoryEvent last = run.get(run.size() - 1);
        // A run either goes on, or ended by continuing as new; none failed or was terminated.
        assertThat(last.getEventType()).as(id).isNotIn(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
      }
      assertThat(status(id)).as(id).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }
    System.out.printf("scale: largest history %d events (%s); Promise ran %d times%n", largest, largestId,
        runs(WorkflowIds.promise("tick")).size());
    assertThat(largest).isLessThan(MAX_EVENTS);
  }

  /** Every run of a workflow, newest first, following continue-as-new back to the first. */
  private List<List<HistoryEvent>> runs(String workflowId) {
    List<List<HistoryEvent>> runs = new ArrayList<>();
    String runId = "";
    while (true) {
      List<HistoryEvent> events = history(workflowId, runId);
      runs.add(events);
      String previous = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) return runs;
      runId = previous;
    }
  }

  private List<HistoryEvent> history(String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page = env.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(env.getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
              .setNextPageToken(token).build());
      events.addAll(page.getHistory().getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return events;
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return env.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest
        .newBuilder().setNamespace(env.getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getStatus();
  }

  private static String promise(String interval) {
    return PeriodicReconciliationTest.PROMISE.formatted("config: {reconciliationInterval: " + interval + "}");
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }

  private void await(BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + 1_800_000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out; runs: " + fakes.pipelineRuns.size());
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signal between a Promise and its request that fails once (the other workflow was between two runs, which on
 * Temporal's test server can refuse a signal) is sent again. Lost, a request's report would hold one of the Promise's
 * converge slots for good, and a lost Promise change would make the Promise forget a live request: both stalled the
 * scale test once.
 */
class SignalBetweenRunsTest {
  static final String REQUEST = WorkflowIds.resource("tick", "default", "between");
  static final String PROMISE = WorkflowIds.promise("tick");

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class, PromiseWorkflowImpl.class, PlatformWorkflowImpl.class);
    client = env.getWorkflowClient();
    FakeWorld.startPlatform(env);
    startPromise("5h");
    FakeWorld.startRequest(env, "tick", "Tick", "default", "between");
    // Converged and known to the Promise, which holds no converge slot for it: either it never asked the request to
    // converge (the request registered after the Promise became available), or the request has reported.
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, PROMISE);
    FakeWorld.await(() -> fakes.runsOf("between") == 1 && promise.requests().contains(REQUEST)
        && (!sent(PROMISE, "promiseChanged") || signals(PROMISE).contains("requestConverged")));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aReportOfConvergenceThatFailedReachesThePromiseOnceItRunsAgain() {
    client.newUntypedWorkflowStub(PROMISE).terminate("test: the Promise is between two runs");
    client.newWorkflowStub(ResourceWorkflow.class, REQUEST).promiseChanged(null);
    FakeWorld.await(() -> count(REQUEST, EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED) == 1);

    startPromise("5h");
    env.sleep(Duration.ofSeconds(10));

    List<EventType> events = history(REQUEST).stream().map(HistoryEvent::getEventType).toList();
    assertThat(events.subList(events.indexOf(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED), events.size()))
        .as("sent again after it failed").contains(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED);
    assertThat(signals(PROMISE)).contains("requestConverged");
    FakeWorld.recordHistory(env, REQUEST, "report-sent-again");
  }

  @Test
  void aPromiseChangeThatFailedReachesTheRequestOnceItRunsAgainAndTheRequestIsNotForgotten() {
    client.newUntypedWorkflowStub(REQUEST).terminate("test: the request is between two runs");
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, PROMISE);
    fakes.addPromise(promise("6h"));
    promise.apply(KratixYaml.parseOne(promise("6h")));
    FakeWorld.await(() -> count(PROMISE, EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED) == 1);

    ResourceWorkflow request = client.newWorkflowStub(ResourceWorkflow.class, options(REQUEST));
    WorkflowClient.start(request::run, new ResourceWorkflowState());
    env.sleep(Duration.ofSeconds(10));

    assertThat(signals(REQUEST)).contains("promiseChanged");
    assertThat(promise.requests()).containsExactly(REQUEST);
    FakeWorld.recordHistory(env, PROMISE, "promise-change-sent-again");
  }

  private void startPromise(String interval) {
    fakes.addPromise(promise(interval));
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(PROMISE));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(promise(interval)));
  }

  private long count(String workflowId, EventType type) {
    return history(workflowId).stream().filter(e -> e.getEventType() == type).count();
  }

  /** Whether the workflow's latest run sent a signal of that name. */
  private boolean sent(String workflowId, String signal) {
    return history(workflowId).stream().filter(HistoryEvent::hasSignalExternalWorkflowExecutionInitiatedEventAttributes)
        .anyMatch(e -> e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName().equals(signal));
  }

  /** The signals the workflow's latest run received, by name. */
  private List<String> signals(String workflowId) {
    return history(workflowId).stream().filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName()).toList();
  }

  private List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  private static String promise(String interval) {
    return PeriodicReconciliationTest.PROMISE.formatted("config: {reconciliationInterval: " + interval + "}");
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE).build();
  }
}

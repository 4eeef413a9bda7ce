package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After a Promise update its requests converge a few at a time, never all at once (issue: day two). */
class ConvergeConcurrencyTest {
  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class, PromiseWorkflowImpl.class, PlatformWorkflowImpl.class);
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

  private String promiseYaml(String interval) {
    return PeriodicReconciliationTest.PROMISE.formatted("config: {reconciliationInterval: " + interval + "}");
  }

  @Test
  void requestsConvergeAtMostTheConfiguredNumberAtOnce() {
    fakes.settings = new PlatformSettings("10h", true, 2, 4000, "10h");
    fakes.pipelineMillis = 300;
    fakes.addPromise(promiseYaml("5h"));
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(WorkflowIds.promise("tick")));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(promiseYaml("5h")));
    applyRequests(6);
    await(() -> fakes.pipelineRuns.size() == 6 && promise.requests().size() == 6 && fakes.running.get() == 0);
    fakes.mostAtOnce.set(0);

    fakes.addPromise(promiseYaml("6h"));
    promise.apply(KratixYaml.parseOne(promiseYaml("6h")));
    await(() -> fakes.pipelineRuns.size() == 12);
    assertThat(fakes.mostAtOnce.get()).isBetween(1, 2);
    for (int i = 0; i < 6; i++) assertThat(fakes.runsOf("r" + i)).isEqualTo(2);
  }

  @Test
  void aPromiseThatContinuesAsNewWhileConvergingKeepsConvergingTheConfiguredNumberAtOnce() {
    // Few history events per run: the Promise continues as new while its requests converge.
    fakes.settings = new PlatformSettings("10h", true, 3, 60, "10h");
    fakes.pipelineMillis = 300;
    fakes.addPromise(promiseYaml("5h"));
    String promiseId = WorkflowIds.promise("tick");
    PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, options(promiseId));
    WorkflowClient.start(promise::run, new PromiseWorkflowState());
    promise.apply(KratixYaml.parseOne(promiseYaml("5h")));
    int n = 30;
    applyRequests(n);
    await(() -> fakes.pipelineRuns.size() == n && promise.requests().size() == n && fakes.running.get() == 0);
    String firstRun = runId(promiseId);

    fakes.addPromise(promiseYaml("6h"));
    promise.apply(KratixYaml.parseOne(promiseYaml("6h")));
    await(() -> !runId(promiseId).equals(firstRun));
    int runsAtContinue = fakes.pipelineRuns.size();
    // The (at most 3) requests converging when it continued have finished; measure from there.
    await(() -> fakes.pipelineRuns.size() >= runsAtContinue + 3);
    fakes.mostAtOnce.set(fakes.running.get());
    int measuredFrom = fakes.pipelineRuns.size();
    await(() -> fakes.pipelineRuns.size() == 2 * n);
    assertThat(2 * n - measuredFrom).as("requests converged after the Promise continued as new").isGreaterThan(6);
    // Before the fix a new run had no settings: it converged one request at a time.
    assertThat(fakes.mostAtOnce.get()).isEqualTo(3);
    FakeWorld.recordHistory(env, promiseId, "promise-continued-while-converging");
  }

  /** Requests r0..r(n-1) of the Promise tick. */
  private void applyRequests(int n) {
    for (int i = 0; i < n; i++) {
      ResourceWorkflow r = client.newWorkflowStub(ResourceWorkflow.class, options(WorkflowIds.resource("tick", "default", "r" + i)));
      WorkflowClient.start(r::run, new ResourceWorkflowState());
      r.apply(KratixYaml.parseOne("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: Tick
          metadata: {name: r%d, namespace: default}
          spec: {}
          """.formatted(i)));
    }
  }

  private String runId(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }

  /**
   * Waits in real time: nothing here waits for a timer, and moving the test server's clock while a slow pipeline
   * runs could time its heartbeat out and start a second attempt beside it.
   */
  private void await(java.util.function.BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out; runs: " + fakes.pipelineRuns);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

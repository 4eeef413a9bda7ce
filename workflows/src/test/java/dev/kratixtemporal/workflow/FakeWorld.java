package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/** Temporal's test environment (time skipping) with our workflows and in-memory activities on their task queues. */
final class FakeWorld {
  private FakeWorld() {}

  static TestWorkflowEnvironment start(FakeActivities fakes, Class<?>... workflowTypes) {
    return start(TestEnvironmentOptions.getDefaultInstance(), fakes, workflowTypes);
  }

  static TestWorkflowEnvironment start(TestEnvironmentOptions options, FakeActivities fakes, Class<?>... workflowTypes) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options);
    SearchAttributes.ALL.forEach(k -> env.registerSearchAttribute(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker orchestration = env.newWorker(WorkflowIds.TASK_QUEUE);
    orchestration.registerWorkflowImplementationTypes(workflowTypes);
    orchestration.registerActivitiesImplementations(fakes);
    env.newWorker(PipelineActivities.TASK_QUEUE).registerActivitiesImplementations(fakes);
    env.start();
    return env;
  }

  /**
   * With -Drecord.histories=DIR (a folder such as src/test/resources/histories/session3), saves the workflow's
   * history there for HistoryReplayTest: how the replay corpus gets the branches only these tests reach.
   */
  static void recordHistory(TestWorkflowEnvironment env, String workflowId, String caseName) {
    recordHistory(env, workflowId, null, caseName);
  }

  /** The same for one run of the workflow (null: its latest), e.g. the run before a continue-as-new. */
  static void recordHistory(TestWorkflowEnvironment env, String workflowId, String runId, String caseName) {
    String dir = System.getProperty("record.histories");
    if (dir == null) return;
    try {
      java.nio.file.Path file = java.nio.file.Path.of(dir, caseName, workflowId.replace("/", "__") + ".json");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, env.getWorkflowClient().fetchHistory(workflowId, runId).toJson(true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits, in real time and for at most 30 s, until the condition holds (activities run on real threads). */
  static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 30 s");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Starts the Platform workflow, which every other workflow reports to. */
  static void startPlatform(TestWorkflowEnvironment env) {
    WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(PlatformWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.PLATFORM).setTaskQueue(WorkflowIds.TASK_QUEUE).build())::run, new Catalog());
  }

  /** Starts a request's workflow and applies the request (apiVersion test.kratix.dev/v1alpha1), as the API does. */
  static ResourceWorkflow startRequest(TestWorkflowEnvironment env, String promise, String kind, String namespace,
      String name) {
    ResourceWorkflow stub = env.getWorkflowClient().newWorkflowStub(ResourceWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.resource(promise, namespace, name)).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(stub::run, new ResourceWorkflowState());
    stub.apply(KratixYaml.parseOne("apiVersion: test.kratix.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name
        + ", namespace: " + namespace + "}\nspec: {}\n"));
    return stub;
  }
}

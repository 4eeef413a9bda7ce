package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.PipelineActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/** Temporal's test environment (time skipping) with our workflows and in-memory activities on their task queues. */
final class FakeWorld {
  private FakeWorld() {}

  static TestWorkflowEnvironment start(FakeActivities fakes, Class<?>... workflowTypes) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    SearchAttributes.ALL.forEach(k -> env.registerSearchAttribute(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker orchestration = env.newWorker(WorkflowIds.TASK_QUEUE);
    orchestration.registerWorkflowImplementationTypes(workflowTypes);
    orchestration.registerActivitiesImplementations(fakes);
    env.newWorker(PipelineActivities.TASK_QUEUE).registerActivitiesImplementations(fakes);
    env.start();
    return env;
  }
}

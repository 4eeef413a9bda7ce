package dev.kratixtemporal.activities.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.HealthDefinitionActivities;
import dev.kratixtemporal.model.HealthDefinition;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.HealthCheckWorkflow;
import dev.kratixtemporal.workflow.HealthCheckWorkflowState;
import dev.kratixtemporal.workflow.SearchAttributes;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;

/** Update-with-start of a HealthCheckWorkflow, with the search attributes an apply through the API gives it. */
public class TemporalHealthDefinitionActivities implements HealthDefinitionActivities {
  private final WorkflowClient client;

  public TemporalHealthDefinitionActivities(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public String applyHealthDefinition(ObjectNode doc) {
    HealthDefinition d = HealthDefinition.parse(doc);
    String id = WorkflowIds.healthDefinition(d.namespace(), d.name());
    HealthCheckWorkflow stub = client.newWorkflowStub(HealthCheckWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.KIND, HealthDefinition.KIND).set(SearchAttributes.PHASE, "Pending")
            .set(SearchAttributes.PROMISE, d.promiseName()).set(SearchAttributes.NAMESPACE, d.namespace()).build())
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    try {
      WorkflowClient.executeUpdateWithStart(stub::apply, doc,
          UpdateOptions.newBuilder(ApplyResult.class).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(stub::run, new HealthCheckWorkflowState()));
    } catch (WorkflowUpdateException e) {
      // The workflow refused it (being deleted, say): trying again now would not help; the next configure run will.
      throw ApplicationFailure.newNonRetryableFailureWithCause("HealthDefinition " + d.namespace() + "/" + d.name()
          + " was not applied: " + rootMessage(e), "HealthDefinitionRefused", e);
    }
    return id;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t instanceof ApplicationFailure af ? af.getOriginalMessage() : t.getMessage();
  }
}

package dev.kratixtemporal.activities.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.CanaryActivities;
import dev.kratixtemporal.activity.CanaryCheck;
import dev.kratixtemporal.activity.CatalogActivities;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.RequestKind;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.workflow.ResourceWorkflow;
import dev.kratixtemporal.workflow.ResourceWorkflowState;
import dev.kratixtemporal.workflow.SearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.WorkflowIds;

/**
 * A canary's requests, applied, read and deleted as the REST API does (update-with-start of the request's workflow,
 * its status query, its delete signal), so they run the real pipelines (docs/slos.md, "Canaries").
 */
public class TemporalCanaryActivities implements CanaryActivities {
  private final WorkflowClient client;
  private final CatalogActivities catalog;

  public TemporalCanaryActivities(WorkflowClient client, CatalogActivities catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  @Override
  public RequestKind requestKind(String promise) {
    PromiseSnapshot read = catalog.promise(promise, null);
    if (!read.exists()) return null;
    var api = Promise.parse(read.document()).api();
    return api == null ? null : new RequestKind(api.apiVersion(), api.kind());
  }

  @Override
  public void applyRequest(String workflowId, ObjectNode request) {
    // resource/<promise>/<namespace>/<name>, with the search attributes the API starts a request with
    String[] parts = workflowId.split("/", 4);
    ResourceWorkflow stub = client.newWorkflowStub(ResourceWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.KIND, request.path("kind").asText()).set(SearchAttributes.PHASE, "Pending")
            .set(SearchAttributes.PROMISE, parts[1]).set(SearchAttributes.NAMESPACE, parts[2]).build())
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    try {
      WorkflowClient.executeUpdateWithStart(stub::apply, request,
          UpdateOptions.newBuilder(ApplyResult.class).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(stub::run, new ResourceWorkflowState()));
    } catch (WorkflowUpdateException e) {
      // The request's workflow refused it (its validator): trying again would not help.
      throw ApplicationFailure.newNonRetryableFailure(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(),
          "CanaryRefused");
    }
  }

  @Override
  public CanaryCheck check(String workflowId) {
    return CanaryCheck.of(catalog.request(workflowId));
  }

  @Override
  public void deleteRequest(String workflowId) {
    if (catalog.request(workflowId) == null) return;
    client.newUntypedWorkflowStub(workflowId).signal("delete");
  }
}

package dev.kratixtemporal.api.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.ApiProperties;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryRejectedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Lists the objects of a scope with their status (docs/architecture.md, "Reads and lists"): the candidates are the
 * running workflows visibility knows, plus those this process applied in the last
 * {@code kratix.api.recent-apply-window}; each is then asked for its status, and one whose workflow has ended
 * (deleted) is dropped, whatever visibility still says. Without visibility the catalog and each Promise's request
 * list stand in for it.
 */
@Service
public class ObjectLister {
  private static final Logger log = LoggerFactory.getLogger(ObjectLister.class);
  private final WorkflowClient client;
  /** Queries that a closed workflow rejects instead of answering from its last state. */
  private final WorkflowClient openOnly;
  private final VisibleWorkflows visible;
  private final RecentApplies recent;

  public ObjectLister(WorkflowClient client, ApiProperties settings) {
    this.client = client;
    this.openOnly = WorkflowClient.newInstance(client.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(client.getOptions())
            .setQueryRejectCondition(QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN).build());
    this.visible = new VisibleWorkflows(client);
    this.recent = new RecentApplies(settings.api().recentApplyWindow(), Clock.systemUTC());
  }

  /** An apply of this object's workflow has just succeeded. */
  public void applied(String workflowId) {
    recent.record(workflowId);
  }

  /** The scope's objects as their workflows show them, by namespace then name. */
  public List<ObjectNode> list(ListScope scope) {
    List<String> known = visible.ids(scope).orElseGet(() -> withoutVisibility(scope));
    List<ObjectNode> out = new ArrayList<>();
    for (String id : ListOrder.candidates(scope, known, recent.in(scope))) {
      ObjectNode status = statusIfRunning(id);
      if (status != null) out.add(status);
    }
    return out;
  }

  private ObjectNode statusIfRunning(String workflowId) {
    try {
      return openOnly.newUntypedWorkflowStub(workflowId).query("status", ObjectNode.class);
    } catch (WorkflowQueryRejectedException | WorkflowNotFoundException ended) {
      return null;
    }
  }

  /** The in-memory test server has no visibility: the catalog and the Promise's request list, filled by signals. */
  private List<String> withoutVisibility(ListScope scope) {
    log.debug("no visibility on this Temporal server: listing {} from the catalog", scope.kind());
    if (scope.promise() != null) {
      return client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(scope.promise())).requests();
    }
    Catalog catalog = client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).catalog();
    List<String> ids = new ArrayList<>();
    catalog.promises.keySet().forEach(n -> ids.add(WorkflowIds.promise(n)));
    catalog.destinations.forEach(n -> ids.add(WorkflowIds.destination(n)));
    catalog.stores.forEach(s -> ids.add(WorkflowIds.store(s.substring(0, s.indexOf('/')), s.substring(s.indexOf('/') + 1))));
    return ids; // of every kind: ListOrder keeps the scope's
  }
}

package dev.kratixtemporal.api.listing;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running workflows of a scope as Temporal's visibility store lists them, page by page. Empty when the server
 * has no visibility (the SDK's in-memory test server answers UNIMPLEMENTED); then lists fall back to the catalog.
 */
final class VisibleWorkflows {
  private static final int PAGE_SIZE = 1000;
  private final WorkflowClient client;
  private volatile boolean unavailable;

  VisibleWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /** Every running workflow id of the scope, or empty when this server has no visibility. */
  Optional<List<String>> ids(ListScope scope) {
    if (unavailable) return Optional.empty();
    List<String> ids = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    try {
      do {
        ListWorkflowExecutionsResponse page = client.getWorkflowServiceStubs().blockingStub()
            .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace()).setQuery(scope.query())
                .setPageSize(PAGE_SIZE).setNextPageToken(token).build());
        page.getExecutionsList().forEach(e -> ids.add(e.getExecution().getWorkflowId()));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
      unavailable = true;
      return Optional.empty();
    }
    return Optional.of(ids);
  }
}

package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/** One GitStateStore or BucketStateStore: its configuration and readiness (spec 1.4, 1.5). */
public class StateStoreWorkflowImpl implements StateStoreWorkflow {
  private final ObjectState state;
  private final String kind;
  private final String name;

  @WorkflowInit
  public StateStoreWorkflowImpl(ObjectState state) {
    this.state = state;
    String id = Workflow.getInfo().getWorkflowId();
    this.kind = id.startsWith("bucketstatestore/") ? "BucketStateStore" : "GitStateStore";
    this.name = id.substring(id.indexOf('/') + 1);
  }

  @Override
  public void run(ObjectState ignored) {
    while (true) {
      Workflow.await(() -> state.deleteRequested || (state.document != null && state.runRequested)
          || Workflow.getInfo().isContinueAsNewSuggested());
      if (state.deleteRequested) {
        platform().unregistered(kind, name);
        Workflow.await(Workflow::isEveryHandlerFinished);
        return;
      }
      if (!state.runRequested) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(state);
      }
      converge();
    }
  }

  private void converge() {
    state.runRequested = false;
    SearchAttributes.upsert(kind, null, null, "Pending");
    String reason = "StateStoreReady";
    String message = "State store is ready";
    if (kind.equals("BucketStateStore")) {
      reason = "ErrorInitialisingWriter";
      message = "BucketStateStore writing is not built yet";
    } else {
      try {
        Stubs.storeChecks().checkStore(GitStateStore.parse(state.document));
      } catch (ActivityFailure e) {
        reason = "ErrorInitialisingWriter";
        message = e.getCause() instanceof ApplicationFailure af ? af.getOriginalMessage() : e.getMessage();
      }
    }
    boolean ready = reason.equals("StateStoreReady");
    Conditions.set(state.status, Conditions.READY, ready ? "True" : "False", reason, message, Stubs.now());
    state.status.put("status", ready ? "Ready" : "NotReady");
    state.status.put("observedGeneration", state.generation);
    SearchAttributes.upsert(kind, null, null, ready ? "Ready" : "NotReady");
    platform().storeRegistered(kind, name);
  }

  private static PlatformWorkflow platform() {
    return Workflow.newExternalWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }

  @Override
  public ApplyResult apply(ObjectNode document) {
    Reconciliation.accept(state, document);
    return new ApplyResult(kind, name, "", Workflow.getInfo().getWorkflowId(), state.generation);
  }

  @Override
  public void validateApply(ObjectNode document) {
    if (!kind.equals(Docs.kind(document)) || !Docs.name(document).equals(name)) {
      throw new InvalidDocumentException("metadata.name", "must be " + kind + " " + name + " for this workflow");
    }
    if (kind.equals("GitStateStore")) GitStateStore.parse(document);
    else if (Docs.spec(document).path("bucketName").asText("").isEmpty()) {
      throw new InvalidDocumentException("spec.bucketName", "is required");
    }
  }

  @Override
  public void reconcile() {
    state.runRequested = true;
  }

  @Override
  public void delete() {
    state.deleteRequested = true;
  }

  @Override
  public ObjectNode status() {
    return state.asObject();
  }
}

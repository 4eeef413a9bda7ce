package dev.kratixtemporal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.HealthDefinition;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.api.admission.Admission;
import dev.kratixtemporal.api.admission.Admitted;
import dev.kratixtemporal.api.admission.PlatformLookup;
import dev.kratixtemporal.api.admission.SecretDocument;
import dev.kratixtemporal.api.listing.ObjectLister;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.EntityWorkflow;
import dev.kratixtemporal.workflow.DestinationWorkflowState;
import dev.kratixtemporal.workflow.HealthCheckWorkflow;
import dev.kratixtemporal.workflow.HealthCheckWorkflowState;
import dev.kratixtemporal.workflow.PromiseWorkflowState;
import dev.kratixtemporal.workflow.ResourceWorkflowState;
import dev.kratixtemporal.workflow.StateStoreWorkflowState;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import dev.kratixtemporal.workflow.ResourceWorkflow;
import dev.kratixtemporal.workflow.StateStoreWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import dev.kratixtemporal.api.slo.OpenSloStore;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.Slo;
import dev.kratixtemporal.workflow.SloWorkflow;
import dev.kratixtemporal.workflow.SloWorkflowState;
import io.temporal.client.BatchRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Applies Kratix documents like `kubectl apply -f`: {@link Admission} checks every document before any is applied. */
@Service
public class ApplyService {
  private final WorkflowClient client;
  private final Secrets secrets;
  private final ObjectLister lister;
  private final OpenSloStore openSlo;

  public ApplyService(WorkflowClient client, Secrets secrets, ObjectLister lister, OpenSloStore openSlo) {
    this.client = client;
    this.secrets = secrets;
    this.lister = lister;
    this.openSlo = openSlo;
  }

  public List<ApplyResult> apply(String body) {
    List<ObjectNode> docs = KratixYaml.parseAll(body);
    List<Admitted> admitted = Admission.check(docs, lookup());
    ApplyResult[] results = new ApplyResult[admitted.size()];
    // Objects first, then requests, then HealthRecords and HealthDefinitions: a request must find its Promise's
    // workflow (it may be in this file) and a HealthRecord or HealthDefinition its request's. Within each group, file order.
    for (List<Admitted.Kind> phase : PHASES) {
      for (int i = 0; i < admitted.size(); i++) {
        if (!phase.contains(admitted.get(i).kind())) continue;
        try {
          results[i] = applyOne(admitted.get(i));
        } catch (InvalidDocumentException e) {
          throw Admission.inDocument(i, admitted.size(), admitted.get(i).doc(), e);
        }
      }
    }
    return List.of(results);
  }

  private static final List<List<Admitted.Kind>> PHASES = List.of(
      List.of(Admitted.Kind.SECRET, Admitted.Kind.PROMISE, Admitted.Kind.DESTINATION, Admitted.Kind.STATE_STORE,
          Admitted.Kind.SLI),
      List.of(Admitted.Kind.RESOURCE_REQUEST), List.of(Admitted.Kind.HEALTH_RECORD, Admitted.Kind.HEALTH_DEFINITION),
      List.of(Admitted.Kind.SLO));

  private PlatformLookup lookup() {
    return new PlatformLookup() {
      @Override
      public Catalog catalog() {
        return platform().catalog();
      }

      @Override
      public boolean hasRequest(String promise, String requestWorkflowId) {
        return LiveWorkflows.isRunning(client, requestWorkflowId);
      }

      @Override
      public ObjectNode applied(String workflowId) {
        if (!LiveWorkflows.isRunning(client, workflowId)) return null;
        ObjectNode status = client.newUntypedWorkflowStub(workflowId).query("status", ObjectNode.class);
        return status == null || status.path("spec").isMissingNode() ? null : status;
      }

      @Override
      public Map<String, Sli> indicators() {
        return storedIndicators();
      }
    };
  }

  /** The SLIs applied so far, by name; each was admitted when applied. */
  private Map<String, Sli> storedIndicators() {
    Map<String, Sli> out = new HashMap<>();
    for (ObjectNode doc : openSlo.list(OpenSloStore.Kind.SLI)) {
      Sli sli = Sli.parse(doc);
      out.put(sli.name(), sli);
    }
    return out;
  }

  /**
   * An SLI is kept as applied (no workflow of its own). The SLOs that name it are told of it again, so that a
   * change of its Promise or threshold reaches their workflows (their events are kept: docs/slos.md).
   */
  private ApplyResult applySli(ObjectNode doc) {
    String name = Docs.name(doc);
    openSlo.put(OpenSloStore.Kind.SLI, name, doc);
    Map<String, Sli> indicators = storedIndicators();
    for (ObjectNode slo : openSlo.list(OpenSloStore.Kind.SLO)) {
      String id = WorkflowIds.slo(Docs.name(slo));
      if (name.equals(slo.path("spec").path("indicatorRef").asText()) && LiveWorkflows.isRunning(client, id)) {
        client.newWorkflowStub(SloWorkflow.class, id).apply(Slo.parse(slo, indicators));
      }
    }
    return new ApplyResult("SLI", name, "", "", 0);
  }

  /**
   * An SLO's workflow is started with it, or told of it again when it runs (signal-with-start: one call either
   * way); its document is kept for reads. Lists remember it for as long as visibility lags (ObjectLister).
   */
  private ApplyResult applySlo(Admitted a) {
    SloWorkflow stub = client.newWorkflowStub(SloWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(a.workflowId()).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setTypedSearchAttributes(StartSearchAttributes.of(a)).build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(stub::run, SloWorkflowState.of(a.slo()));
    request.add(stub::apply, a.slo());
    client.signalWithStart(request);
    openSlo.put(OpenSloStore.Kind.SLO, a.slo().name(), a.doc());
    lister.applied(a.workflowId());
    return new ApplyResult("SLO", a.slo().name(), "", a.workflowId(), 0);
  }

  /**
   * A Secret is kept out of every workflow: it is stored encrypted for the writers to read, and the stores are
   * asked to check themselves again, since one of them may have been waiting for it.
   */
  private ApplyResult applySecret(ObjectNode doc) {
    SecretDocument secret = SecretDocument.parse(doc);
    secrets.put(secret.ref(), secret.data());
    for (String store : platform().catalog().stores) {
      String[] kindAndName = store.split("/", 2);
      client.newWorkflowStub(StateStoreWorkflow.class, WorkflowIds.store(kindAndName[0], kindAndName[1])).reconcile();
    }
    return new ApplyResult("Secret", secret.ref().name(), secret.ref().namespace(), "", 0);
  }

  private ApplyResult applyOne(Admitted a) {
    ObjectNode doc = a.doc();
    String id = a.workflowId();
    return switch (a.kind()) {
      case SECRET -> applySecret(doc);
      case SLI -> applySli(doc);
      case SLO -> applySlo(a);
      // A HealthRecord goes to the request it describes, which folds it into status.healthStatus.
      case HEALTH_RECORD -> {
        client.newWorkflowStub(ResourceWorkflow.class, id).healthRecorded(doc);
        yield new ApplyResult("HealthRecord", Docs.name(doc), Docs.namespace(doc), id, 0);
      }
      case PROMISE -> updateWithStart(PromiseWorkflow.class, a);
      case DESTINATION -> updateWithStart(DestinationWorkflow.class, a);
      case STATE_STORE -> updateWithStart(StateStoreWorkflow.class, a);
      case RESOURCE_REQUEST -> updateWithStart(ResourceWorkflow.class, a);
      case HEALTH_DEFINITION -> updateWithStart(HealthCheckWorkflow.class, a);
    };
  }

  /**
   * Asks the workflow of the object a document names to delete it, as `kubectl delete -f` would.
   *
   * @return false when no such object exists
   */
  public boolean delete(ObjectNode doc) {
    String kind = Docs.kind(doc);
    String name = Docs.name(doc);
    String id = null;
    if (HealthDefinition.KIND.equals(kind) && Docs.isKratixKind(doc)) {
      String definition = WorkflowIds.healthDefinition(Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc), name);
      if (LiveWorkflows.isRunning(client, definition)) id = definition;
    } else if (Docs.isKratixKind(doc)) {
      String object = WorkflowIds.kratixObject(kind, name);
      if (LiveWorkflows.isRunning(client, object)) id = object;
    } else {
      String promise = platform().catalog().promiseFor(Docs.group(doc), kind);
      String namespace = Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc);
      String request = promise == null ? null : WorkflowIds.resource(promise, namespace, name);
      if (request != null && LiveWorkflows.isRunning(client, request)) id = request;
    }
    if (id == null) return false;
    client.newUntypedWorkflowStub(id).signal("delete");
    return true;
  }

  /**
   * The first apply creates the workflow, with its search attributes so that lists find it at once; later ones
   * update the running one. Lists also remember it for a while (ObjectLister), for as long as visibility lags.
   */
  private <T extends EntityWorkflow> ApplyResult updateWithStart(Class<T> type, Admitted object) {
    T stub = client.newWorkflowStub(type, WorkflowOptions.newBuilder()
        .setWorkflowId(object.workflowId()).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setTypedSearchAttributes(StartSearchAttributes.of(object))
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    ApplyResult result = WorkflowClient.executeUpdateWithStart(stub::apply, object.doc(),
        UpdateOptions.newBuilder(ApplyResult.class).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), start(stub));
    lister.applied(object.workflowId());
    return result;
  }

  /** The workflow's start, with the empty state of its kind. */
  private static WithStartWorkflowOperation<?> start(EntityWorkflow stub) {
    if (stub instanceof PromiseWorkflow p) return new WithStartWorkflowOperation<>(p::run, new PromiseWorkflowState());
    if (stub instanceof ResourceWorkflow r) return new WithStartWorkflowOperation<>(r::run, new ResourceWorkflowState());
    if (stub instanceof HealthCheckWorkflow h) return new WithStartWorkflowOperation<>(h::run, new HealthCheckWorkflowState());
    if (stub instanceof DestinationWorkflow d) {
      return new WithStartWorkflowOperation<>(d::run, new DestinationWorkflowState());
    }
    return new WithStartWorkflowOperation<>(((StateStoreWorkflow) stub)::run, new StateStoreWorkflowState());
  }

  private PlatformWorkflow platform() {
    return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }
}

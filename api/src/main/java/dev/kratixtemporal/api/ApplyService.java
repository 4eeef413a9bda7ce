package dev.kratixtemporal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Health;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.model.PromiseApi;
import dev.kratixtemporal.model.StateStore;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.EntityWorkflow;
import dev.kratixtemporal.workflow.ObjectState;
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
import io.temporal.workflow.Functions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Applies Kratix documents like `kubectl apply -f`: every document is checked before any is applied. */
@Service
public class ApplyService {
  private final WorkflowClient client;
  private final Secrets secrets;

  public ApplyService(WorkflowClient client, Secrets secrets) {
    this.client = client;
    this.secrets = secrets;
  }

  public List<ApplyResult> apply(String body) {
    List<ObjectNode> docs = KratixYaml.parseAll(body);
    if (docs.isEmpty()) throw new InvalidDocumentException("no document to apply");
    // Check what can be checked without the platform first, so a bad file changes nothing.
    for (int i = 0; i < docs.size(); i++) {
      try {
        checkShape(docs.get(i));
      } catch (InvalidDocumentException e) {
        throw docs.size() == 1 ? e : new InvalidDocumentException(prefix(i, e.field()), messageOf(e));
      }
    }
    List<ApplyResult> results = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      try {
        results.add(applyOne(docs.get(i)));
      } catch (InvalidDocumentException e) {
        throw docs.size() == 1 ? e : new InvalidDocumentException(prefix(i, e.field()), messageOf(e));
      }
    }
    return results;
  }

  private void checkShape(ObjectNode doc) {
    if (Docs.kind(doc).isEmpty()) throw new InvalidDocumentException("kind", "is required");
    if (Docs.apiVersion(doc).isEmpty()) throw new InvalidDocumentException("apiVersion", "is required");
    if (Docs.name(doc).isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    if (SecretDocument.is(doc)) SecretDocument.parse(doc);
    if (!Docs.isKratixKind(doc)) return;
    switch (Docs.kind(doc)) {
      case "Promise" -> Promise.parse(doc);
      case "Destination" -> Destination.parse(doc);
      case "GitStateStore", "BucketStateStore" -> StateStore.parse(doc);
      case "HealthRecord" -> checkHealthRecord(doc);
      default -> throw new InvalidDocumentException("kind", "platform.kratix.io/v1alpha1 " + Docs.kind(doc)
          + " is not supported; supported kinds are Promise, Destination, GitStateStore, BucketStateStore and HealthRecord");
    }
  }

  private static void checkHealthRecord(ObjectNode doc) {
    JsonNode data = doc.path("data");
    if (data.path("promiseRef").path("name").asText("").isEmpty()) {
      throw new InvalidDocumentException("data.promiseRef.name", "is required");
    }
    if (data.path("resourceRef").path("name").asText("").isEmpty()) {
      throw new InvalidDocumentException("data.resourceRef.name", "is required");
    }
    String state = data.path("state").asText("unknown");
    if (!Health.STATES.contains(state)) {
      throw new InvalidDocumentException("data.state", "must be one of " + Health.STATES + ", got '" + state + "'");
    }
  }

  /** A HealthRecord goes to the request it describes, which folds it into status.healthStatus. */
  private ApplyResult recordHealth(ObjectNode doc) {
    if (Docs.namespace(doc).isEmpty()) Docs.metadata(doc).put("namespace", "default");
    JsonNode data = doc.path("data");
    String promise = data.path("promiseRef").path("name").asText();
    String namespace = data.path("resourceRef").path("namespace").asText("default");
    String id = WorkflowIds.resource(promise, namespace, data.path("resourceRef").path("name").asText());
    boolean known = platform().catalog().promises.containsKey(promise)
        && client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(promise)).requests().contains(id);
    if (!known) throw new InvalidDocumentException("data.resourceRef", "no request " + id.substring("resource/".length()));
    client.newWorkflowStub(ResourceWorkflow.class, id).healthRecorded(doc);
    return new ApplyResult("HealthRecord", Docs.name(doc), Docs.namespace(doc), id, 0);
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

  private ApplyResult applyOne(ObjectNode doc) {
    String name = Docs.name(doc);
    if (SecretDocument.is(doc)) return applySecret(doc);
    if (Docs.isKratixKind(doc)) {
      return switch (Docs.kind(doc)) {
        case "HealthRecord" -> recordHealth(doc);
        case "Promise" -> updateWithStart(PromiseWorkflow.class, WorkflowIds.promise(name), doc);
        case "Destination" -> updateWithStart(DestinationWorkflow.class, WorkflowIds.destination(name), doc);
        default -> updateWithStart(StateStoreWorkflow.class, WorkflowIds.store(Docs.kind(doc), name), doc);
      };
    }
    Catalog catalog = platform().catalog();
    String promise = catalog.promiseFor(Docs.group(doc), Docs.kind(doc));
    if (promise == null) {
      throw new InvalidDocumentException("kind", "no Promise provides " + Docs.apiVersion(doc) + " " + Docs.kind(doc));
    }
    PromiseApi api = catalog.promises.get(promise);
    if (!api.version().equals(Docs.version(doc))) {
      throw new InvalidDocumentException("apiVersion", "Promise " + promise + " serves " + api.apiVersion() + ", not " + Docs.apiVersion(doc));
    }
    if (Docs.namespace(doc).isEmpty()) Docs.metadata(doc).put("namespace", "default");
    RequestValidator.validate(api.schema(), doc);
    return updateWithStart(ResourceWorkflow.class, WorkflowIds.resource(promise, Docs.namespace(doc), name), doc);
  }

  /**
   * Asks the workflow of the object a document names to delete it, as `kubectl delete -f` would.
   *
   * @return false when no such object exists
   */
  public boolean delete(ObjectNode doc) {
    String kind = Docs.kind(doc);
    String name = Docs.name(doc);
    Catalog catalog = platform().catalog();
    String id = null;
    if (Docs.isKratixKind(doc)) {
      if (catalog.has(kind, name)) id = WorkflowIds.kratixObject(kind, name);
    } else {
      String promise = catalog.promiseFor(Docs.group(doc), kind);
      String namespace = Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc);
      String request = promise == null ? null : WorkflowIds.resource(promise, namespace, name);
      if (request != null && client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(promise)).requests()
          .contains(request)) {
        id = request;
      }
    }
    if (id == null) return false;
    client.newUntypedWorkflowStub(id).signal("delete");
    return true;
  }

  /** The first apply creates the workflow; later ones update the running one. */
  private <T extends EntityWorkflow> ApplyResult updateWithStart(Class<T> type, String workflowId, ObjectNode doc) {
    T stub = client.newWorkflowStub(type, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    WithStartWorkflowOperation<?> start = new WithStartWorkflowOperation<>(runMethod(stub), new ObjectState());
    return WorkflowClient.executeUpdateWithStart(stub::apply, doc,
        UpdateOptions.newBuilder(ApplyResult.class).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), start);
  }

  private static Functions.Proc1<ObjectState> runMethod(EntityWorkflow stub) {
    if (stub instanceof PromiseWorkflow p) return p::run;
    if (stub instanceof ResourceWorkflow r) return r::run;
    if (stub instanceof DestinationWorkflow d) return d::run;
    return ((StateStoreWorkflow) stub)::run;
  }

  private PlatformWorkflow platform() {
    return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }

  private static String prefix(int index, String field) {
    return "documents[" + index + "]" + (field == null ? "" : "." + field);
  }

  private static String messageOf(InvalidDocumentException e) {
    String m = e.getMessage();
    return e.field() != null && m.startsWith(e.field() + ": ") ? m.substring(e.field().length() + 2) : m;
  }
}

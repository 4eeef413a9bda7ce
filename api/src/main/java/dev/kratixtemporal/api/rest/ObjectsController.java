package dev.kratixtemporal.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.api.ApiProperties;
import dev.kratixtemporal.api.ApplyService;
import dev.kratixtemporal.api.LiveWorkflows;
import dev.kratixtemporal.api.admission.RequestBodies;
import dev.kratixtemporal.model.SecretRef;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.EntityWorkflow;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import dev.kratixtemporal.workflow.ResourceWorkflow;
import dev.kratixtemporal.workflow.StateStoreWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The REST API: apply, get, list, delete and reconcile Kratix objects. Every object comes back with its status. */
@RestController
@RequestMapping("/api/v1")
public class ObjectsController {
  private final WorkflowClient client;
  private final ApplyService applyService;
  private final Secrets secrets;
  private final long maxBodyBytes;

  public ObjectsController(WorkflowClient client, ApplyService applyService, Secrets secrets,
      ApiProperties settings) {
    this.maxBodyBytes = settings.api().maxBodyBytes();
    this.client = client;
    this.applyService = applyService;
    this.secrets = secrets;
  }

  /**
   * One or more documents, YAML (multi-document) or JSON, like `kubectl apply -f`. The body is read here, not by a
   * message converter, so that its size is bounded before anything holds or parses it.
   */
  @PostMapping("/apply")
  public List<ApplyResult> apply(HttpServletRequest request) throws IOException {
    String body = RequestBodies.read(request.getContentType(), request.getContentLengthLong(),
        request.getInputStream(), maxBodyBytes);
    return applyService.apply(body);
  }

  @GetMapping("/promises")
  public List<ObjectNode> promises() {
    return catalog().promises.keySet().stream().map(n -> stub(PromiseWorkflow.class, WorkflowIds.promise(n)).status()).toList();
  }

  @GetMapping("/promises/{name}")
  public ObjectNode promise(@PathVariable String name) {
    requireKnown(catalog().promises.containsKey(name), "Promise", name);
    return stub(PromiseWorkflow.class, WorkflowIds.promise(name)).status();
  }

  @DeleteMapping("/promises/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deletePromise(@PathVariable String name) {
    requireKnown(catalog().promises.containsKey(name), "Promise", name);
    return delete(stub(PromiseWorkflow.class, WorkflowIds.promise(name)), WorkflowIds.promise(name));
  }

  @GetMapping("/destinations")
  public List<ObjectNode> destinations() {
    return catalog().destinations.stream().sorted()
        .map(n -> stub(DestinationWorkflow.class, WorkflowIds.destination(n)).status()).toList();
  }

  @GetMapping("/destinations/{name}")
  public ObjectNode destination(@PathVariable String name) {
    requireKnown(catalog().destinations.contains(name), "Destination", name);
    return stub(DestinationWorkflow.class, WorkflowIds.destination(name)).status();
  }

  @DeleteMapping("/destinations/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteDestination(@PathVariable String name) {
    requireKnown(catalog().destinations.contains(name), "Destination", name);
    return delete(stub(DestinationWorkflow.class, WorkflowIds.destination(name)), WorkflowIds.destination(name));
  }

  @GetMapping("/{kind:gitstatestores|bucketstatestores}")
  public List<ObjectNode> stores(@PathVariable String kind) {
    String prefix = storeKind(kind) + "/";
    return catalog().stores.stream().filter(s -> s.startsWith(prefix)).sorted()
        .map(s -> stub(StateStoreWorkflow.class, WorkflowIds.store(storeKind(kind), s.substring(prefix.length()))).status())
        .toList();
  }

  @GetMapping("/{kind:gitstatestores|bucketstatestores}/{name}")
  public ObjectNode store(@PathVariable String kind, @PathVariable String name) {
    requireKnown(catalog().stores.contains(storeKind(kind) + "/" + name), storeKind(kind), name);
    return stub(StateStoreWorkflow.class, WorkflowIds.store(storeKind(kind), name)).status();
  }

  @DeleteMapping("/{kind:gitstatestores|bucketstatestores}/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteStore(@PathVariable String kind, @PathVariable String name) {
    requireKnown(catalog().stores.contains(storeKind(kind) + "/" + name), storeKind(kind), name);
    String id = WorkflowIds.store(storeKind(kind), name);
    return delete(stub(StateStoreWorkflow.class, id), id);
  }

  /** Secrets by name and keys only: their values never leave the store. */
  @GetMapping("/secrets")
  public List<Map<String, Object>> secrets() {
    return secrets.list().stream().map(ref -> Map.<String, Object>of("namespace", ref.namespace(), "name", ref.name(),
        "keys", List.copyOf(secrets.get(ref).keySet()))).toList();
  }

  @DeleteMapping("/secrets/{namespace}/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void deleteSecret(@PathVariable String namespace, @PathVariable String name) {
    requireKnown(secrets.delete(new SecretRef(namespace, name)), "Secret", namespace + "/" + name);
  }

  @GetMapping("/promises/{promise}/resources")
  public List<ObjectNode> resources(@PathVariable String promise) {
    List<ObjectNode> out = new ArrayList<>();
    for (String id : requestsOf(promise)) out.add(stub(ResourceWorkflow.class, id).status());
    return out;
  }

  @GetMapping("/promises/{promise}/resources/{namespace}/{name}")
  public ObjectNode resource(@PathVariable String promise, @PathVariable String namespace, @PathVariable String name) {
    return stub(ResourceWorkflow.class, requireRequest(promise, namespace, name)).status();
  }

  @DeleteMapping("/promises/{promise}/resources/{namespace}/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteResource(@PathVariable String promise, @PathVariable String namespace,
      @PathVariable String name) {
    String id = requireRequest(promise, namespace, name);
    return delete(stub(ResourceWorkflow.class, id), id);
  }

  @PostMapping("/promises/{promise}/resources/{namespace}/{name}/reconcile")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> reconcileResource(@PathVariable String promise, @PathVariable String namespace,
      @PathVariable String name) {
    String id = requireRequest(promise, namespace, name);
    stub(ResourceWorkflow.class, id).reconcile();
    return Map.of("workflowId", id, "signal", "reconcile");
  }

  private String requireRequest(String promise, String namespace, String name) {
    String id = WorkflowIds.resource(promise, namespace, name);
    requireKnown(LiveWorkflows.isRunning(client, id), "resource request", namespace + "/" + name);
    return id;
  }

  private List<String> requestsOf(String promise) {
    requireKnown(catalog().promises.containsKey(promise), "Promise", promise);
    return stub(PromiseWorkflow.class, WorkflowIds.promise(promise)).requests();
  }

  private static Map<String, String> delete(EntityWorkflow stub, String workflowId) {
    stub.delete();
    return Map.of("workflowId", workflowId, "signal", "delete");
  }

  private static void requireKnown(boolean known, String kind, String name) {
    if (!known) throw new ResponseStatusException(HttpStatus.NOT_FOUND, kind + " " + name + " not found");
  }

  private static String storeKind(String plural) {
    return plural.equals("gitstatestores") ? "GitStateStore" : "BucketStateStore";
  }

  private Catalog catalog() {
    return stub(PlatformWorkflow.class, WorkflowIds.PLATFORM).catalog();
  }

  private <T> T stub(Class<T> type, String id) {
    return client.newWorkflowStub(type, id);
  }
}

package dev.kratixtemporal.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.api.ApiProperties;
import dev.kratixtemporal.api.ApplyService;
import dev.kratixtemporal.api.LiveWorkflows;
import dev.kratixtemporal.api.admission.RequestBodies;
import dev.kratixtemporal.api.listing.ListScope;
import dev.kratixtemporal.api.listing.ObjectLister;
import dev.kratixtemporal.model.SecretRef;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
  private final ObjectLister lister;
  private final long maxBodyBytes;

  public ObjectsController(WorkflowClient client, ApplyService applyService, Secrets secrets, ObjectLister lister,
      ApiProperties settings) {
    this.maxBodyBytes = settings.api().maxBodyBytes();
    this.client = client;
    this.applyService = applyService;
    this.secrets = secrets;
    this.lister = lister;
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
    return lister.list(ListScope.promises());
  }

  @GetMapping("/promises/{name}")
  public ObjectNode promise(@PathVariable String name) {
    return existing(WorkflowIds.promise(name), "Promise", name).query("status", ObjectNode.class);
  }

  @DeleteMapping("/promises/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deletePromise(@PathVariable String name) {
    return delete(WorkflowIds.promise(name), "Promise", name);
  }

  @PostMapping("/promises/{name}/reconcile")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> reconcilePromise(@PathVariable String name) {
    return reconcile(WorkflowIds.promise(name), "Promise", name);
  }

  @GetMapping("/destinations")
  public List<ObjectNode> destinations() {
    return lister.list(ListScope.destinations());
  }

  @GetMapping("/destinations/{name}")
  public ObjectNode destination(@PathVariable String name) {
    return existing(WorkflowIds.destination(name), "Destination", name).query("status", ObjectNode.class);
  }

  @DeleteMapping("/destinations/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteDestination(@PathVariable String name) {
    return delete(WorkflowIds.destination(name), "Destination", name);
  }

  @PostMapping("/destinations/{name}/reconcile")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> reconcileDestination(@PathVariable String name) {
    return reconcile(WorkflowIds.destination(name), "Destination", name);
  }

  @GetMapping("/{kind:gitstatestores|bucketstatestores}")
  public List<ObjectNode> stores(@PathVariable String kind) {
    return lister.list(ListScope.stores(storeKind(kind)));
  }

  @GetMapping("/{kind:gitstatestores|bucketstatestores}/{name}")
  public ObjectNode store(@PathVariable String kind, @PathVariable String name) {
    String id = WorkflowIds.store(storeKind(kind), name);
    return existing(id, storeKind(kind), name).query("status", ObjectNode.class);
  }

  @DeleteMapping("/{kind:gitstatestores|bucketstatestores}/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteStore(@PathVariable String kind, @PathVariable String name) {
    return delete(WorkflowIds.store(storeKind(kind), name), storeKind(kind), name);
  }

  @PostMapping("/{kind:gitstatestores|bucketstatestores}/{name}/reconcile")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> reconcileStore(@PathVariable String kind, @PathVariable String name) {
    return reconcile(WorkflowIds.store(storeKind(kind), name), storeKind(kind), name);
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
    existing(WorkflowIds.promise(promise), "Promise", promise);
    return lister.list(ListScope.requestsOf(promise));
  }

  @GetMapping("/promises/{promise}/resources/{namespace}/{name}")
  public ObjectNode resource(@PathVariable String promise, @PathVariable String namespace, @PathVariable String name) {
    return existing(WorkflowIds.resource(promise, namespace, name), "resource request", namespace + "/" + name)
        .query("status", ObjectNode.class);
  }

  @DeleteMapping("/promises/{promise}/resources/{namespace}/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteResource(@PathVariable String promise, @PathVariable String namespace,
      @PathVariable String name) {
    return delete(WorkflowIds.resource(promise, namespace, name), "resource request", namespace + "/" + name);
  }

  @PostMapping("/promises/{promise}/resources/{namespace}/{name}/reconcile")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> reconcileResource(@PathVariable String promise, @PathVariable String namespace,
      @PathVariable String name) {
    return reconcile(WorkflowIds.resource(promise, namespace, name), "resource request", namespace + "/" + name);
  }

  /**
   * HealthDefinitions with their status (docs/health-checks.md); {@code ?promise=} keeps those whose
   * spec.promiseRef names it.
   */
  @GetMapping("/healthdefinitions")
  public List<ObjectNode> healthDefinitions(@RequestParam(required = false) String promise) {
    return lister.list(ListScope.healthDefinitions()).stream()
        .filter(d -> promise == null || promise.equals(d.path("spec").path("promiseRef").path("name").asText()))
        .toList();
  }

  @GetMapping("/healthdefinitions/{namespace}/{name}")
  public ObjectNode healthDefinition(@PathVariable String namespace, @PathVariable String name) {
    return existing(WorkflowIds.healthDefinition(namespace, name), "HealthDefinition", namespace + "/" + name)
        .query("status", ObjectNode.class);
  }

  /** Signals delete: the definition's record leaves its request and its schedule stops. */
  @DeleteMapping("/healthdefinitions/{namespace}/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> deleteHealthDefinition(@PathVariable String namespace, @PathVariable String name) {
    return delete(WorkflowIds.healthDefinition(namespace, name), "HealthDefinition", namespace + "/" + name);
  }

  /**
   * The object's own workflow, if it runs: reads go to the owner, which exists as soon as its apply has returned
   * (the Platform's catalog hears of it through a signal a moment later). A deleted object's workflow has ended.
   */
  private WorkflowStub existing(String workflowId, String kind, String name) {
    requireKnown(LiveWorkflows.isRunning(client, workflowId), kind, name);
    return client.newUntypedWorkflowStub(workflowId);
  }

  private Map<String, String> delete(String workflowId, String kind, String name) {
    existing(workflowId, kind, name).signal("delete");
    return Map.of("workflowId", workflowId, "signal", "delete");
  }

  private Map<String, String> reconcile(String workflowId, String kind, String name) {
    existing(workflowId, kind, name).signal("reconcile");
    return Map.of("workflowId", workflowId, "signal", "reconcile");
  }

  private static void requireKnown(boolean known, String kind, String name) {
    if (!known) throw new ResponseStatusException(HttpStatus.NOT_FOUND, kind + " " + name + " not found");
  }

  private static String storeKind(String plural) {
    return plural.equals("gitstatestores") ? "GitStateStore" : "BucketStateStore";
  }
}

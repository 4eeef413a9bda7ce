package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Health;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.HealthDefinition;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.model.PromiseApi;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.Slo;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.WorkflowIds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place an applied file is judged. Every document is checked completely, including what needs the platform
 * (the Promise serving a request, the request a HealthRecord describes), before any is applied: a file is applied
 * whole or not at all.
 *
 * <p>A request may be served by a Promise in the same file: it is checked against that Promise's API (the file's
 * version wins over an installed one), and waits for the Promise to become available like any other request.
 */
public final class Admission {
  private final List<ObjectNode> docs;
  private final PlatformLookup platform;
  private final Admitted[] admitted;
  private final Map<String, Promise> promisesInFile = new HashMap<>();
  private final Set<String> requestsInFile = new HashSet<>();
  private final Map<String, Sli> indicatorsInFile = new HashMap<>();
  private Catalog catalog;

  private Admission(List<ObjectNode> docs, PlatformLookup platform) {
    this.docs = docs;
    this.platform = platform;
    this.admitted = new Admitted[docs.size()];
  }

  /** The documents as they will be applied (defaults filled in), in file order; throws naming the first fault. */
  public static List<Admitted> check(List<ObjectNode> docs, PlatformLookup platform) {
    if (docs.isEmpty()) throw new InvalidDocumentException("no document to apply");
    Admission admission = new Admission(docs, platform);
    // Objects that stand alone first, so that requests and HealthRecords can refer to ones in the same file.
    admission.each(false);
    admission.each(true);
    return Arrays.asList(admission.admitted);
  }

  /**
   * A document's fault, saying which document: its field is prefixed with its index when the file has several, and
   * the answer names its kind and name.
   */
  public static DocumentRejectedException inDocument(int index, int count, ObjectNode doc, InvalidDocumentException e) {
    String kind = Docs.kind(doc);
    String name = Docs.namespace(doc).isEmpty() ? Docs.name(doc) : Docs.namespace(doc) + "/" + Docs.name(doc);
    String message = e.getMessage();
    if (e.field() != null && message.startsWith(e.field() + ": ")) message = message.substring(e.field().length() + 2);
    if (count == 1) return new DocumentRejectedException(index, kind, name, e.field(), message);
    String field = "documents[" + index + "]" + (e.field() == null ? "" : "." + e.field());
    String which = (kind + " " + name).strip();
    return new DocumentRejectedException(index, kind, name, field, message + (which.isEmpty() ? "" : " (" + which + ")"));
  }

  private void each(boolean dependent) {
    for (int i = 0; i < docs.size(); i++) {
      ObjectNode doc = docs.get(i);
      try {
        if (dependent == isDependent(doc)) admitted[i] = admit(doc);
      } catch (InvalidDocumentException e) {
        throw inDocument(i, docs.size(), doc, e);
      }
    }
  }

  private static boolean isDependent(JsonNode doc) {
    if (SecretDocument.is(doc)) return false;
    // An SLO may name an SLI of the same file.
    if (OpenSloCheck.is(doc)) return "SLO".equals(Docs.kind(doc));
    return !Docs.isKratixKind(doc) || "HealthRecord".equals(doc.path("kind").asText())
        || HealthDefinition.KIND.equals(doc.path("kind").asText());
  }

  private Admitted admit(ObjectNode doc) {
    MetadataCheck.check(doc);
    String name = Docs.name(doc);
    if (SecretDocument.is(doc)) {
      SecretDocument.parse(doc);
      return new Admitted(Admitted.Kind.SECRET, doc, "");
    }
    if (OpenSloCheck.is(doc)) return openSlo(doc);
    if (!Docs.isKratixKind(doc)) return request(doc);
    return switch (Docs.kind(doc)) {
      case "Promise" -> {
        Promise promise = PromiseCheck.check(doc);
        // Asked of the Promise's own workflow: the catalog hears of a Promise a moment after its apply returns.
        ObjectNode installed = platform.applied(WorkflowIds.promise(name));
        if (installed != null) promise.requireChangeableFrom(Promise.parse(installed));
        promisesInFile.put(name, promise);
        yield new Admitted(Admitted.Kind.PROMISE, doc, WorkflowIds.promise(name));
      }
      case "Destination" -> {
        Destination destination = DestinationCheck.check(doc);
        ObjectNode existing = platform.applied(WorkflowIds.destination(name));
        if (existing != null) destination.requireChangeableFrom(Destination.parse(existing));
        yield new Admitted(Admitted.Kind.DESTINATION, doc, WorkflowIds.destination(name));
      }
      case "GitStateStore", "BucketStateStore" -> {
        StoreCheck.check(doc);
        yield new Admitted(Admitted.Kind.STATE_STORE, doc, WorkflowIds.store(Docs.kind(doc), name));
      }
      case "HealthRecord" -> healthRecord(doc);
      case HealthDefinition.KIND -> healthDefinition(doc);
      default -> throw new InvalidDocumentException("kind", Docs.KRATIX_API_VERSION + " " + Docs.kind(doc)
          + " is not supported; supported kinds are Promise, Destination, GitStateStore, BucketStateStore, HealthRecord"
          + " and HealthDefinition");
    };
  }

  /** An SLI is kept as applied, without a workflow; an SLO runs in {@code slo/<name>} (docs/slos.md). */
  private Admitted openSlo(ObjectNode doc) {
    switch (Docs.kind(doc)) {
      case "SLI" -> {
        Sli sli = OpenSloCheck.sli(doc, this::promiseExists);
        indicatorsInFile.put(sli.name(), sli);
        return new Admitted(Admitted.Kind.SLI, doc, "");
      }
      case "SLO" -> {
        Map<String, Sli> indicators = new HashMap<>(platform.indicators());
        indicators.putAll(indicatorsInFile);
        Slo slo = OpenSloCheck.slo(doc, indicators, this::promiseExists);
        return new Admitted(Admitted.Kind.SLO, doc, WorkflowIds.slo(slo.name()), slo);
      }
      default -> throw new InvalidDocumentException("kind", OpenSloCheck.API_VERSION + " " + Docs.kind(doc)
          + " is not supported; supported kinds are SLO and SLI");
    }
  }

  /** A Promise of this file or an installed one (asked of its own workflow when the catalog has not heard yet). */
  private boolean promiseExists(String name) {
    return promisesInFile.containsKey(name) || catalog().promises.containsKey(name)
        || platform.applied(WorkflowIds.promise(name)) != null;
  }

  private Admitted request(ObjectNode doc) {
    String promise = promiseServing(Docs.group(doc), Docs.kind(doc));
    if (promise == null) {
      throw new InvalidDocumentException("kind", "no Promise provides " + Docs.apiVersion(doc) + " " + Docs.kind(doc));
    }
    PromiseApi api = promisesInFile.containsKey(promise) ? promisesInFile.get(promise).api() : catalog().promises.get(promise);
    if (!api.version().equals(Docs.version(doc)) || Docs.group(doc).isEmpty()) {
      throw new InvalidDocumentException("apiVersion", "Promise " + promise + " serves " + api.apiVersion() + ", not "
          + Docs.apiVersion(doc));
    }
    // Kratix limits a request's name to 63 characters in the CRD schema: it becomes a label value.
    KubernetesNames.requireSubdomain("metadata.name", Docs.name(doc), KubernetesNames.LABEL_MAX);
    if (Docs.namespace(doc).isEmpty()) Docs.metadata(doc).put("namespace", "default");
    RequestValidator.validate(api.schema(), doc);
    String id = WorkflowIds.resource(promise, Docs.namespace(doc), Docs.name(doc));
    requestsInFile.add(id);
    return new Admitted(Admitted.Kind.RESOURCE_REQUEST, doc, id);
  }

  /** The file's Promises first, then the installed ones. */
  private String promiseServing(String group, String kind) {
    for (Map.Entry<String, Promise> e : promisesInFile.entrySet()) {
      PromiseApi api = e.getValue().api();
      if (api != null && api.group().equals(group) && api.kind().equals(kind)) return e.getKey();
    }
    String installed = catalog().promiseFor(group, kind);
    // A Promise in this file may take the API away from the installed one of the same name.
    return installed != null && !promisesInFile.containsKey(installed) ? installed : null;
  }

  private Admitted healthRecord(ObjectNode doc) {
    KubernetesNames.requireSubdomain("metadata.name", Docs.name(doc), KubernetesNames.SUBDOMAIN_MAX);
    JsonNode data = doc.path("data");
    String promise = MetadataCheck.requireText(data.path("promiseRef"), "name", "data.promiseRef.name");
    KubernetesNames.requireSubdomain("data.promiseRef.name", promise, PromiseCheck.NAME_MAX);
    String request = MetadataCheck.requireText(data.path("resourceRef"), "name", "data.resourceRef.name");
    KubernetesNames.requireSubdomain("data.resourceRef.name", request, KubernetesNames.LABEL_MAX);
    String namespace = MetadataCheck.optionalText(data.path("resourceRef"), "namespace", "data.resourceRef.namespace");
    if (namespace == null) namespace = "default";
    KubernetesNames.requireLabel("data.resourceRef.namespace", namespace);
    JsonNode state = data.get("state");
    String s = state == null || state.isNull() ? "unknown" : state.isTextual() ? state.asText() : state.toString();
    if (!Health.STATES.contains(s)) {
      throw new InvalidDocumentException("data.state", "must be one of " + Health.STATES + ", got " + Quoted.of(s));
    }
    if (Docs.namespace(doc).isEmpty()) Docs.metadata(doc).put("namespace", "default");
    String id = WorkflowIds.resource(promise, namespace, request);
    boolean known = requestsInFile.contains(id)
        || (catalog().promises.containsKey(promise) && platform.hasRequest(promise, id));
    if (!known) throw new InvalidDocumentException("data.resourceRef", "no request " + id.substring("resource/".length()));
    return new Admitted(Admitted.Kind.HEALTH_RECORD, doc, id);
  }

  /** A HealthDefinition: its fields (docs/health-checks.md), its pipeline's containers, and the request it checks. */
  private Admitted healthDefinition(ObjectNode doc) {
    KubernetesNames.requireSubdomain("metadata.name", Docs.name(doc), KubernetesNames.SUBDOMAIN_MAX);
    if (Docs.namespace(doc).isEmpty()) Docs.metadata(doc).put("namespace", "default");
    HealthDefinition d = HealthDefinition.parse(doc);
    KubernetesNames.requireSubdomain("spec.promiseRef.name", d.promiseName(), PromiseCheck.NAME_MAX);
    KubernetesNames.requireSubdomain("spec.resourceRef.name", d.resourceName(), KubernetesNames.LABEL_MAX);
    KubernetesNames.requireLabel("spec.resourceRef.namespace", d.resourceNamespace());
    PromiseCheck.pipeline(doc.path("spec").path("workflow"), "spec.workflow");
    String request = WorkflowIds.resource(d.promiseName(), d.resourceNamespace(), d.resourceName());
    boolean known = requestsInFile.contains(request)
        || (catalog().promises.containsKey(d.promiseName()) && platform.hasRequest(d.promiseName(), request));
    if (!known) {
      throw new InvalidDocumentException("spec.resourceRef", "no request " + request.substring("resource/".length()));
    }
    return new Admitted(Admitted.Kind.HEALTH_DEFINITION, doc, WorkflowIds.healthDefinition(d.namespace(), d.name()));
  }

  private Catalog catalog() {
    if (catalog == null) catalog = platform.catalog();
    return catalog;
  }
}

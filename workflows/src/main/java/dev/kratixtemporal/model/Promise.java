package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed Kratix Promise. Parsing rejects what Kratix's admission webhook rejects. */
public record Promise(String name, Map<String, String> labels, PromiseApi api, List<ObjectNode> dependencies,
    List<Pipeline> promiseConfigure, List<Pipeline> promiseDelete, List<Pipeline> resourceConfigure,
    List<Pipeline> resourceDelete, List<Map<String, String>> destinationSelectors, String pipelineNamespace,
    String reconciliationInterval, List<RequiredPromise> requiredPromises) {

  /** A Promise this one needs, at a version (empty: any). */
  public record RequiredPromise(String name, String version) {}

  private static final Set<String> PIPELINE_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
  /** Pipeline metadata is Kubernetes object metadata (the kratix CLI leaves creationTimestamp: null in it). */
  private static final Set<String> PIPELINE_METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations",
      "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
      "deletionGracePeriodSeconds", "ownerReferences", "finalizers", "managedFields", "selfLink");
  private static final Set<String> PIPELINE_SPEC_FIELDS = Set.of("containers", "imagePullSecrets", "nodeSelector",
      "tolerations", "volumes", "restartPolicy", "jobOptions", "rbac");
  private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "args", "command", "env", "envFrom",
      "volumeMounts", "imagePullPolicy", "securityContext", "resources");

  /**
   * What a new version of an installed Promise may not change: the API it serves (its requests' workflows are named
   * by it). Asked by admission, before anything in a file is applied, and again by the Promise's workflow.
   */
  public void requireChangeableFrom(Promise old) {
    if (old.api() != null && api == null) throw new InvalidDocumentException("spec.api", "cannot be removed from a Promise");
    if (old.api() != null && (!old.api().kind().equals(api.kind()) || !old.api().group().equals(api.group())
        || !old.api().crdName().equals(api.crdName()))) {
      throw new InvalidDocumentException("spec.api", "the CRD name, group and kind cannot change");
    }
  }

  public String version() {
    return labels.getOrDefault("kratix.io/promise-version", "");
  }

  public static Promise parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    JsonNode spec = doc.path("spec");
    PromiseApi api = parseApi(spec.path("api"));
    List<ObjectNode> deps = new ArrayList<>();
    JsonNode depsNode = spec.path("dependencies");
    if (depsNode.isArray()) {
      for (int i = 0; i < depsNode.size(); i++) {
        if (!depsNode.get(i).isObject()) throw new InvalidDocumentException("spec.dependencies[" + i + "]", "must be an object");
        deps.add((ObjectNode) depsNode.get(i));
      }
    }
    JsonNode wf = spec.path("workflows");
    List<Map<String, String>> selectors = new ArrayList<>();
    JsonNode sel = spec.path("destinationSelectors");
    for (int i = 0; i < sel.size(); i++) {
      Map<String, String> labels = Docs.stringMap(sel.get(i).path("matchLabels"));
      if (labels.isEmpty()) {
        throw new InvalidDocumentException("spec.destinationSelectors[" + i + "].matchLabels", "must have at least one label");
      }
      selectors.add(labels);
    }
    Promise promise = new Promise(name, Docs.labels(doc), api, deps,
        pipelines(name, wf, "promise", "configure"), pipelines(name, wf, "promise", "delete"),
        pipelines(name, wf, "resource", "configure"), pipelines(name, wf, "resource", "delete"),
        selectors, wf.path("config").path("pipelineNamespace").asText(""), reconciliationInterval(wf),
        requiredPromises(spec.path("requiredPromises")));
    return promise;
  }

  private static List<RequiredPromise> requiredPromises(JsonNode list) {
    List<RequiredPromise> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i).path("name").asText("");
      if (name.isEmpty()) throw new InvalidDocumentException("spec.requiredPromises[" + i + "].name", "is required");
      out.add(new RequiredPromise(name, list.get(i).path("version").asText("")));
    }
    return out;
  }

  /** spec.workflows.config.reconciliationInterval, at least one minute (Kratix's webhook rule); null when unset. */
  private static String reconciliationInterval(JsonNode workflows) {
    JsonNode node = workflows.path("config").path("reconciliationInterval");
    if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) return null;
    String field = "spec.workflows.config.reconciliationInterval";
    try {
      if (GoDuration.parse(node.asText()).compareTo(Duration.ofMinutes(1)) < 0) {
        throw new InvalidDocumentException(field, "must be at least 1m, got " + node.asText());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidDocumentException(field, e.getMessage());
    }
    return node.asText();
  }

  private static PromiseApi parseApi(JsonNode api) {
    if (api.isMissingNode() || api.isNull() || (api.isObject() && api.isEmpty())) return null;
    JsonNode crd = api.path("spec");
    String scope = crd.path("scope").asText("");
    if (!scope.equals("Namespaced")) {
      throw new InvalidDocumentException("spec.api.spec.scope", "must be Namespaced, got '" + scope + "'");
    }
    String group = crd.path("group").asText("");
    String kind = crd.path("names").path("kind").asText("");
    String plural = crd.path("names").path("plural").asText("");
    if (group.isEmpty()) throw new InvalidDocumentException("spec.api.spec.group", "is required");
    if (kind.isEmpty()) throw new InvalidDocumentException("spec.api.spec.names.kind", "is required");
    if (plural.isEmpty()) throw new InvalidDocumentException("spec.api.spec.names.plural", "is required");
    JsonNode versions = crd.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      throw new InvalidDocumentException("spec.api.spec.versions", "must list at least one version");
    }
    JsonNode storage = versions.get(0);
    for (JsonNode v : versions) {
      if (v.path("storage").asBoolean(false)) {
        storage = v;
        break;
      }
    }
    JsonNode schema = storage.path("schema").path("openAPIV3Schema");
    return new PromiseApi(group, storage.path("name").asText(), kind, plural, api.path("metadata").path("name").asText(""),
        schema.isObject() ? (ObjectNode) schema : null);
  }

  private static List<Pipeline> pipelines(String promise, JsonNode workflows, String type, String action) {
    String field = "spec.workflows." + type + "." + action;
    JsonNode list = workflows.path(type).path(action);
    List<Pipeline> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) return out;
    if (!list.isArray()) throw new InvalidDocumentException(field, "must be a list of Pipelines");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = field + "[" + i + "]";
      Pipeline p = parsePipeline(list.get(i), at);
      if (!names.add(p.name())) {
        throw new InvalidDocumentException(at + ".metadata.name", "duplicate pipeline name '" + p.name() + "'");
      }
      String id = promise + "-" + type + "-" + action + "-" + p.name();
      if (id.length() > 60) {
        throw new InvalidDocumentException(at + ".metadata.name",
            "pipeline id '" + id + "' is longer than 60 characters");
      }
      out.add(p);
    }
    return out;
  }

  static Pipeline parsePipeline(JsonNode node, String at) {
    if (!node.isObject()) throw new InvalidDocumentException(at, "must be a Pipeline object");
    rejectUnknown(node, PIPELINE_FIELDS, at);
    if (!Docs.KRATIX_API_VERSION.equals(node.path("apiVersion").asText()) || !"Pipeline".equals(node.path("kind").asText())) {
      throw new InvalidDocumentException(at, "must be apiVersion platform.kratix.io/v1alpha1, kind Pipeline");
    }
    rejectUnknown(node.path("metadata"), PIPELINE_METADATA_FIELDS, at + ".metadata");
    String name = node.path("metadata").path("name").asText("");
    if (name.isEmpty()) throw new InvalidDocumentException(at + ".metadata.name", "is required");
    JsonNode spec = node.path("spec");
    rejectUnknown(spec, PIPELINE_SPEC_FIELDS, at + ".spec");
    List<Container> containers = new ArrayList<>();
    JsonNode cs = spec.path("containers");
    if (!cs.isArray() || cs.isEmpty()) throw new InvalidDocumentException(at + ".spec.containers", "must list at least one container");
    for (int i = 0; i < cs.size(); i++) {
      String cat = at + ".spec.containers[" + i + "]";
      JsonNode c = cs.get(i);
      rejectUnknown(c, CONTAINER_FIELDS, cat);
      String image = c.path("image").asText("");
      if (image.isEmpty()) throw new InvalidDocumentException(cat + ".image", "is required");
      List<Container.EnvVar> env = new ArrayList<>();
      for (JsonNode e : c.path("env")) {
        // valueFrom (secrets, config maps) is resolved by Kubernetes; the container runtime passes literal values only.
        if (e.has("value")) env.add(new Container.EnvVar(e.path("name").asText(), e.path("value").asText()));
      }
      containers.add(new Container(c.path("name").asText("container-" + i), image, strings(c.path("command")),
          strings(c.path("args")), env));
    }
    return new Pipeline(name, Docs.stringMap(node.path("metadata").path("labels")), containers, (ObjectNode) node);
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) out.add(n.asText());
    return out;
  }

  private static void rejectUnknown(JsonNode node, Set<String> allowed, String at) {
    if (node.isMissingNode() || node.isNull()) return;
    if (!node.isObject()) throw new InvalidDocumentException(at, "must be an object");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) throw new InvalidDocumentException(at + "." + f, "unknown field \"" + f + "\"");
    }
  }
}

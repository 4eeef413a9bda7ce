package dev.kratixtemporal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubernetes.client.openapi.JSON;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Offline validation of Kubernetes manifests.
 *
 * <p>Built-in kinds are checked against the Kubernetes 1.32 API models of io.kubernetes:client-java-api, which are
 * generated from the API server's OpenAPI document: {@code validateJsonElement} rejects any field the API does not
 * define (at every depth: a misspelled field fails, as {@code kubectl apply --validate=strict} does), a missing
 * required field, and a value of the wrong JSON shape; the object is then also deserialised into the model.
 *
 * <p>CustomResourceDefinitions get, in addition, a subset of the API server's structural-schema rules, and every
 * custom resource whose CRD is known (ours, plus the ones given) is validated against that CRD's openAPIV3Schema
 * with unknown fields rejected unless the schema preserves them.
 *
 * <p>Not checked: CEL rules (x-kubernetes-validations), admission webhooks and policies, name formats, defaulting,
 * quantities and int-or-string values beyond their JSON shape, and anything that needs a cluster (existing
 * namespaces, RBAC escalation).
 */
final class ManifestValidator {
  static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  /** API group of every built-in kind we accept ("" = core). */
  private static final Map<String, String> GROUPS = Map.ofEntries(
      Map.entry("Namespace", ""), Map.entry("ServiceAccount", ""), Map.entry("ConfigMap", ""), Map.entry("Secret", ""),
      Map.entry("Service", ""), Map.entry("PersistentVolumeClaim", ""), Map.entry("Pod", ""),
      Map.entry("Deployment", "apps"), Map.entry("StatefulSet", "apps"), Map.entry("DaemonSet", "apps"),
      Map.entry("Job", "batch"), Map.entry("CronJob", "batch"),
      Map.entry("Role", "rbac.authorization.k8s.io"), Map.entry("RoleBinding", "rbac.authorization.k8s.io"),
      Map.entry("ClusterRole", "rbac.authorization.k8s.io"),
      Map.entry("ClusterRoleBinding", "rbac.authorization.k8s.io"),
      Map.entry("CustomResourceDefinition", "apiextensions.k8s.io"),
      Map.entry("PodDisruptionBudget", "policy"), Map.entry("NetworkPolicy", "networking.k8s.io"),
      Map.entry("Ingress", "networking.k8s.io"), Map.entry("HorizontalPodAutoscaler", "autoscaling"));

  private final JSON kubernetesJson = new JSON();
  /** apiVersion + "/" + kind of every known custom resource → its openAPIV3Schema turned into a strict JSON schema. */
  private final Map<String, ObjectNode> customSchemas = new HashMap<>();
  final List<String> problems = new ArrayList<>();
  int checked;

  /**
   * Reads every document of a (multi-document) YAML text as kubectl does: anchors and aliases resolved (Jackson's
   * YAML reader does not resolve aliases), timestamps left as strings; empty documents are skipped.
   */
  static List<JsonNode> documents(String yaml) {
    LoaderOptions options = new LoaderOptions();
    Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, new Resolver() {
          @Override
          protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
          }
        });
    List<JsonNode> docs = new ArrayList<>();
    for (Object doc : parser.loadAll(yaml)) {
      if (doc != null) docs.add(JSON_MAPPER.valueToTree(doc));
    }
    return docs;
  }

  /** The one document of a YAML text. */
  static JsonNode document(String yaml) {
    List<JsonNode> docs = documents(yaml);
    if (docs.size() != 1) throw new IllegalArgumentException("expected one document, got " + docs.size());
    return docs.get(0);
  }

  /** Validates every document; problems are collected, each prefixed with where it was found. */
  void validateAll(String source, List<JsonNode> docs) {
    for (JsonNode doc : docs) {
      if ("CustomResourceDefinition".equals(doc.path("kind").asText())) learn(doc);
    }
    for (JsonNode doc : docs) validate(source, doc);
  }

  /** Remembers a CRD so that its custom resources can be validated. */
  void learn(JsonNode crd) {
    String group = crd.path("spec").path("group").asText();
    String kind = crd.path("spec").path("names").path("kind").asText();
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (schema.isObject()) {
        customSchemas.put(group + "/" + version.path("name").asText() + "/" + kind, toJsonSchema(schema));
      }
    }
  }

  void validate(String source, JsonNode doc) {
    checked++;
    String apiVersion = doc.path("apiVersion").asText();
    String kind = doc.path("kind").asText();
    String where = source + ": " + kind + " " + doc.path("metadata").path("name").asText("<no name>");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      problems.add(where + ": apiVersion and kind are required");
      return;
    }
    if (doc.path("metadata").path("name").asText().isEmpty()) problems.add(where + ": metadata.name is required");
    ObjectNode custom = customSchemas.get(apiVersion + "/" + kind);
    if (custom != null) {
      validateCustom(where, custom, doc);
      return;
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    if (!GROUPS.containsKey(kind)) {
      problems.add(where + ": no schema known for " + apiVersion + " " + kind);
      return;
    }
    if (!GROUPS.get(kind).equals(group)) {
      problems.add(where + ": " + kind + " belongs to API group '" + GROUPS.get(kind) + "', not '" + group + "'");
      return;
    }
    Class<?> model;
    try {
      model = Class.forName("io.kubernetes.client.openapi.models."
          + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind);
    } catch (ClassNotFoundException e) {
      problems.add(where + ": Kubernetes 1.32 has no " + apiVersion + " " + kind);
      return;
    }
    try {
      JsonElement json = JsonParser.parseString(JSON_MAPPER.writeValueAsString(doc));
      Method check = model.getMethod("validateJsonElement", JsonElement.class);
      check.invoke(null, json);
      kubernetesJson.getGson().fromJson(json, model);
    } catch (InvocationTargetException e) {
      problems.add(where + ": " + shorten(e.getCause().getMessage()));
      return;
    } catch (Exception e) {
      problems.add(where + ": " + shorten(String.valueOf(e.getMessage())));
      return;
    }
    if ("CustomResourceDefinition".equals(kind)) structural(where, doc);
  }

  private void validateCustom(String where, ObjectNode schema, JsonNode doc) {
    ObjectNode body = (ObjectNode) doc.deepCopy();
    Set<ValidationMessage> errors = SCHEMAS.getSchema(schema).validate(body);
    for (ValidationMessage m : errors) problems.add(where + ": " + m.getMessage());
  }

  /** A part of the API server's rules for CRDs (structural schemas, printer columns, names, versions). */
  private void structural(String where, JsonNode crd) {
    JsonNode spec = crd.path("spec");
    String expectedName = spec.path("names").path("plural").asText() + "." + spec.path("group").asText();
    if (!expectedName.equals(crd.path("metadata").path("name").asText())) {
      problems.add(where + ": metadata.name must be " + expectedName);
    }
    int storage = 0;
    for (JsonNode version : spec.path("versions")) {
      if (version.path("storage").asBoolean()) storage++;
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      String at = where + " " + version.path("name").asText() + " openAPIV3Schema";
      if (!schema.isObject()) {
        problems.add(at + ": missing");
        continue;
      }
      if (!"object".equals(schema.path("type").asText())) problems.add(at + ": the root must be type: object");
      JsonNode metadata = schema.path("properties").path("metadata");
      if (metadata.isObject()) {
        Iterator<String> names = metadata.fieldNames();
        while (names.hasNext()) {
          String n = names.next();
          if (!Set.of("type", "description").contains(n)) {
            problems.add(at + ".properties.metadata: only type and description are allowed, not " + n);
          }
        }
      }
      node(at, schema, true);
      for (JsonNode column : version.path("additionalPrinterColumns")) {
        String path = column.path("jsonPath").asText();
        if (!path.startsWith(".")) {
          problems.add(at + ": printer column " + column.path("name").asText() + " jsonPath must start with '.'");
          continue;
        }
        String simple = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        JsonNode node = schema;
        for (String part : simple.substring(1).split("\\.")) {
          if (part.isEmpty() || node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) break;
          if ("metadata".equals(part) && node == schema) {
            node = null;
            break;
          }
          node = node.path("properties").path(part);
          if (node.isMissingNode()) {
            problems.add(at + ": printer column " + column.path("name").asText() + " points at " + path
                + ", which the schema does not define");
            break;
          }
        }
      }
    }
    if (storage != 1) problems.add(where + ": exactly one version must have storage: true");
  }

  private void node(String at, JsonNode s, boolean root) {
    boolean open = s.path("x-kubernetes-preserve-unknown-fields").asBoolean()
        || s.path("x-kubernetes-int-or-string").asBoolean();
    if (!s.has("type") && !open) problems.add(at + ": type is required (structural schema)");
    if (s.has("properties") && s.has("additionalProperties")) {
      problems.add(at + ": properties and additionalProperties cannot both be set");
    }
    for (JsonNode r : s.path("required")) {
      if (!s.path("properties").has(r.asText())) problems.add(at + ": required field " + r.asText() + " is not a property");
    }
    for (String forbidden : List.of("$ref", "definitions", "dependencies", "patternProperties", "id")) {
      if (s.has(forbidden)) problems.add(at + ": " + forbidden + " is not allowed in a CRD schema");
    }
    if (s.has("enum") || s.has("default")) {
      ObjectNode bare = s.deepCopy();
      bare.remove(List.of("enum", "default", "description"));
      var compiled = SCHEMAS.getSchema(toJsonSchema(bare));
      for (JsonNode e : s.path("enum")) {
        if (!compiled.validate(e).isEmpty()) problems.add(at + ": enum value " + e + " does not fit the schema");
      }
      if (s.has("default") && !compiled.validate(s.get("default")).isEmpty()) {
        problems.add(at + ": default " + s.get("default") + " does not fit the schema");
      }
    }
    if (s.has("x-kubernetes-list-map-keys")) {
      JsonNode items = s.path("items");
      for (JsonNode key : s.path("x-kubernetes-list-map-keys")) {
        boolean required = false;
        for (JsonNode r : items.path("required")) required |= r.asText().equals(key.asText());
        if (!required && !items.path("properties").path(key.asText()).has("default")) {
          problems.add(at + ": list-map key " + key.asText() + " must be required or have a default");
        }
      }
    }
    s.path("properties").fields().forEachRemaining(e -> node(at + ".properties." + e.getKey(), e.getValue(), false));
    if (s.path("items").isObject()) node(at + ".items", s.get("items"), false);
    if (s.path("additionalProperties").isObject()) node(at + ".additionalProperties", s.get("additionalProperties"), false);
  }

  /**
   * An OpenAPI v3 schema of a CRD as a JSON schema (draft 4) that rejects unknown fields like the API server's
   * strict field validation: additionalProperties false wherever properties are listed and unknown fields are
   * not preserved; nullable becomes a null type; Kubernetes extensions are dropped.
   */
  static ObjectNode toJsonSchema(JsonNode openApi) {
    ObjectNode s = (ObjectNode) openApi.deepCopy();
    convert(s);
    return s;
  }

  private static void convert(ObjectNode s) {
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    if (s.path("x-kubernetes-int-or-string").asBoolean()) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode().add("integer").add("string");
      s.set("type", types);
    }
    if (s.path("nullable").asBoolean() && s.has("type") && s.get("type").isTextual()) {
      s.set("type", JsonNodeFactory.instance.arrayNode().add(s.get("type").asText()).add("null"));
    }
    List<String> drop = new ArrayList<>();
    s.fieldNames().forEachRemaining(n -> {
      if (n.startsWith("x-kubernetes-") || n.equals("nullable") || n.equals("format")) drop.add(n);
    });
    s.remove(drop);
    if (s.has("properties") && !s.has("additionalProperties") && !preserve) s.put("additionalProperties", false);
    if (s.path("properties").isObject()) {
      s.get("properties").fields().forEachRemaining(e -> convert((ObjectNode) e.getValue()));
    }
    if (s.path("items").isObject()) convert((ObjectNode) s.get("items"));
    if (s.path("additionalProperties").isObject()) convert((ObjectNode) s.get("additionalProperties"));
  }

  private static String shorten(String message) {
    int json = message.indexOf(" JSON: ");
    return json > 0 ? message.substring(0, json) : message;
  }

  Set<String> knownCustomKinds() {
    return new LinkedHashSet<>(customSchemas.keySet());
  }
}

package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Promise;

/**
 * A Promise beyond what {@link Promise#parse} checks: its name (also a label value, so at most 63 characters), its
 * API's schemas, and its pipelines' names and containers.
 */
final class PromiseCheck {
  /** Kratix writes a Promise's name into label values. */
  static final int NAME_MAX = KubernetesNames.LABEL_MAX;

  private PromiseCheck() {}

  static Promise check(JsonNode doc) {
    KubernetesNames.requireSubdomain("metadata.name", doc.path("metadata").path("name").asText(), NAME_MAX);
    Promise promise = Promise.parse(doc);
    JsonNode spec = doc.path("spec");
    schemas(spec.path("api").path("spec").path("versions"));
    JsonNode workflows = spec.path("workflows");
    for (String type : new String[] {"promise", "resource"}) {
      for (String action : new String[] {"configure", "delete"}) {
        JsonNode list = workflows.path(type).path(action);
        for (int i = 0; i < list.size(); i++) {
          pipeline(list.get(i), "spec.workflows." + type + "." + action + "[" + i + "]");
        }
      }
    }
    String namespace = MetadataCheck.optionalText(workflows.path("config"), "pipelineNamespace",
        "spec.workflows.config.pipelineNamespace");
    if (namespace != null && !namespace.isEmpty()) {
      KubernetesNames.requireLabel("spec.workflows.config.pipelineNamespace", namespace);
    }
    JsonNode selectors = spec.path("destinationSelectors");
    for (int i = 0; i < selectors.size(); i++) {
      MetadataCheck.labels(selectors.get(i).get("matchLabels"), "spec.destinationSelectors[" + i + "].matchLabels");
    }
    JsonNode required = spec.path("requiredPromises");
    for (int i = 0; i < required.size(); i++) {
      String at = "spec.requiredPromises[" + i + "].name";
      KubernetesNames.requireSubdomain(at, MetadataCheck.requireText(required.get(i), "name", at), NAME_MAX);
    }
    return promise;
  }

  private static void schemas(JsonNode versions) {
    for (int i = 0; i < versions.size(); i++) {
      String at = "spec.api.spec.versions[" + i + "]";
      KubernetesNames.requireLabel(at + ".name", MetadataCheck.requireText(versions.get(i), "name", at + ".name"));
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      if (!schema.isMissingNode()) OpenApiSchemaCheck.check(schema, at + ".schema.openAPIV3Schema");
    }
  }

  /** Pipeline names become label values, container names and folders in the state store. */
  static void pipeline(JsonNode pipeline, String at) {
    KubernetesNames.requireLabel(at + ".metadata.name", pipeline.path("metadata").path("name").asText());
    MetadataCheck.labels(pipeline.path("metadata").get("labels"), at + ".metadata.labels");
    JsonNode containers = pipeline.path("spec").path("containers");
    for (int i = 0; i < containers.size(); i++) {
      ContainerCheck.check(containers.get(i), at + ".spec.containers[" + i + "]");
    }
    JsonNode pullSecrets = pipeline.path("spec").get("imagePullSecrets");
    if (pullSecrets != null && !pullSecrets.isNull() && !pullSecrets.isArray()) {
      throw new InvalidDocumentException(at + ".spec.imagePullSecrets", "must be a list of {name}");
    }
  }
}

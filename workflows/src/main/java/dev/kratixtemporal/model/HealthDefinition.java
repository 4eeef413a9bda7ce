package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.CronSchedule;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A Kratix HealthDefinition (platform.kratix.io/v1alpha1): a pipeline run on a cron schedule about one resource
 * request, whose outcome becomes a HealthRecord (docs/health-checks.md).
 *
 * @param input spec.input parsed as YAML: the object the pipeline reads as /kratix/input/object.yaml; null when unset
 *     (the request itself is given)
 */
public record HealthDefinition(String name, String namespace, String promiseName, String resourceName,
    String resourceNamespace, CronSchedule schedule, ObjectNode input, Pipeline workflow) {
  public static final String KIND = "HealthDefinition";
  private static final Set<String> SPEC_FIELDS = Set.of("resourceRef", "promiseRef", "schedule", "input", "workflow");

  /** @throws InvalidDocumentException naming the first field that is wrong */
  public static HealthDefinition parse(JsonNode doc) {
    if (!Docs.KRATIX_API_VERSION.equals(Docs.apiVersion(doc)) || !KIND.equals(Docs.kind(doc))) {
      throw new InvalidDocumentException("kind", "must be apiVersion " + Docs.KRATIX_API_VERSION + ", kind " + KIND);
    }
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    String namespace = Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc);
    JsonNode spec = doc.path("spec");
    if (!spec.isObject()) throw new InvalidDocumentException("spec", "is required (resourceRef, promiseRef, schedule, workflow)");
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!SPEC_FIELDS.contains(f)) throw new InvalidDocumentException("spec." + f, "unknown field \"" + f + "\"");
    }
    String resourceName = text(spec.path("resourceRef"), "name", "spec.resourceRef.name", true);
    String resourceNamespace = text(spec.path("resourceRef"), "namespace", "spec.resourceRef.namespace", false);
    if (resourceNamespace == null) resourceNamespace = namespace;
    String promise = text(spec.path("promiseRef"), "name", "spec.promiseRef.name", true);
    JsonNode schedule = spec.path("schedule");
    if (!schedule.isMissingNode() && !schedule.isNull() && !schedule.isTextual()) {
      throw new InvalidDocumentException("spec.schedule", "must be a string (a 5-field cron expression)");
    }
    CronSchedule cron = CronSchedule.parse(schedule.asText(""), "spec.schedule");
    ObjectNode input = input(spec.path("input"));
    JsonNode workflow = spec.path("workflow");
    if (workflow.isMissingNode() || workflow.isNull()) {
      throw new InvalidDocumentException("spec.workflow", "is required (a platform.kratix.io/v1alpha1 Pipeline)");
    }
    Pipeline pipeline = Promise.parsePipeline(workflow, "spec.workflow");
    return new HealthDefinition(name, namespace, promise, resourceName, resourceNamespace, cron, input, pipeline);
  }

  private static String text(JsonNode parent, String key, String field, boolean required) {
    if (!parent.isMissingNode() && !parent.isNull() && !parent.isObject()) {
      throw new InvalidDocumentException(field.substring(0, field.lastIndexOf('.')), "must be an object");
    }
    JsonNode v = parent.path(key);
    if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      if (required) throw new InvalidDocumentException(field, "is required");
      return null;
    }
    if (!v.isTextual()) throw new InvalidDocumentException(field, "must be a string");
    return v.asText();
  }

  /** spec.input is a string holding a YAML mapping (Kratix keeps it a string); it becomes object.yaml. */
  private static ObjectNode input(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) return null;
    if (!node.isTextual()) throw new InvalidDocumentException("spec.input", "must be a string (a YAML mapping)");
    if (node.asText().isBlank()) return null;
    JsonNode parsed;
    try {
      parsed = KratixYaml.YAML.readTree(node.asText());
    } catch (IOException e) {
      throw new InvalidDocumentException("spec.input", "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(parsed instanceof ObjectNode o)) throw new InvalidDocumentException("spec.input", "must hold a YAML mapping");
    return o;
  }
}

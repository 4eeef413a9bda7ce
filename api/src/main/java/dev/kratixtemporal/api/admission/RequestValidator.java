package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Comparator;
import java.util.Set;

/** Checks a resource request against its Promise's openAPIV3Schema, defaults applied first (as Kubernetes does). */
public final class RequestValidator {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  private RequestValidator() {}

  /** Fills in defaults in place; throws naming the first failing field. */
  public static void validate(ObjectNode schema, ObjectNode request) {
    if (schema == null) return;
    ObjectNode checked = request.deepCopy();
    // Kubernetes owns these; a CRD schema does not describe them.
    checked.remove("apiVersion");
    checked.remove("kind");
    checked.remove("metadata");
    checked.remove("status");
    SchemaDefaults.apply(schema, checked);
    JsonSchema compiled = FACTORY.getSchema(schema);
    Set<ValidationMessage> errors = compiled.validate(checked);
    if (!errors.isEmpty()) {
      ValidationMessage first = errors.stream().min(Comparator.comparing(m -> m.getInstanceLocation().toString())).get();
      String field = first.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
      if ("required".equals(first.getType()) && first.getProperty() != null) {
        field = field.isEmpty() ? first.getProperty() : field + "." + first.getProperty();
      }
      String message = first.getMessage().replaceFirst("^\\$[^:]*: ", "");
      throw new InvalidDocumentException(field.isEmpty() ? first.getProperty() : field, message);
    }
    JsonNode spec = checked.get("spec");
    if (spec != null) request.set("spec", spec);
  }
}

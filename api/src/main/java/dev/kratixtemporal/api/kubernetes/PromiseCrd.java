package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;

/** The CRD a Promise installs, rewritten as Kratix rewrites it (Kratix docs: Resource requests). */
public final class PromiseCrd {
  public static final String PROMISE_NAME_LABEL = "kratix.io/promise-name";

  private PromiseCrd() {}

  /** Null when the Promise has no API (a dependencies-only Promise). */
  public static ObjectNode from(JsonNode promise) {
    JsonNode api = promise.path("spec").path("api");
    if (!(api instanceof ObjectNode) || api.isEmpty()) return null;
    ObjectNode crd = api.deepCopy();
    crd.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
    ObjectNode metadata = Docs.metadata(crd);
    metadata.remove(ServerMetadata.SERVER_FIELDS);
    ObjectNode labels = metadata.get("labels") instanceof ObjectNode l ? l : metadata.putObject("labels");
    labels.put(PROMISE_NAME_LABEL, Docs.name(promise));
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version instanceof ObjectNode v) rewrite(v);
    }
    return crd;
  }

  /** Every version gets the status subresource and a status Kratix (and this controller) may write freely. */
  private static void rewrite(ObjectNode version) {
    ObjectNode subresources = version.get("subresources") instanceof ObjectNode s ? s : version.putObject("subresources");
    subresources.putObject("status");
    ObjectNode schema = version.get("schema") instanceof ObjectNode s ? s : version.putObject("schema");
    ObjectNode root = schema.get("openAPIV3Schema") instanceof ObjectNode r ? r : schema.putObject("openAPIV3Schema");
    if (!root.has("type")) root.put("type", "object");
    ObjectNode properties = root.get("properties") instanceof ObjectNode p ? p : root.putObject("properties");
    properties.putObject("status").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    if (!(version.get("additionalPrinterColumns") instanceof ArrayNode a) || a.isEmpty()) {
      ArrayNode columns = version.putArray("additionalPrinterColumns");
      columns.addObject().put("name", "message").put("type", "string").put("jsonPath", ".status.message");
      columns.addObject().put("name", "status").put("type", "string")
          .put("jsonPath", ".status.conditions[?(@.type==\"Reconciled\")].message");
    }
  }
}

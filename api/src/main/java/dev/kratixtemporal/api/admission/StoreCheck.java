package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.StateStore;

/** A GitStateStore or BucketStateStore beyond its parse: a path inside the repository or bucket, names. */
final class StoreCheck {
  private StoreCheck() {}

  static StateStore check(JsonNode doc) {
    KubernetesNames.requireSubdomain("metadata.name", doc.path("metadata").path("name").asText(),
        KubernetesNames.SUBDOMAIN_MAX);
    JsonNode spec = doc.path("spec");
    if (!spec.isObject()) throw new InvalidDocumentException("spec", "must be an object");
    String path = MetadataCheck.optionalText(spec, "path", "spec.path");
    if (path != null) RelativePaths.require("spec.path", path, true);
    for (String f : new String[] {"url", "branch", "endpoint", "bucketName", "authMethod"}) {
      MetadataCheck.optionalText(spec, f, "spec." + f);
    }
    MetadataCheck.optionalBoolean(spec, "insecure", "spec.insecure");
    JsonNode ref = spec.get("secretRef");
    if (ref != null && !ref.isNull()) {
      if (!ref.isObject()) throw new InvalidDocumentException("spec.secretRef", "must be an object");
      KubernetesNames.requireSubdomain("spec.secretRef.name",
          MetadataCheck.requireText(ref, "name", "spec.secretRef.name"), KubernetesNames.SUBDOMAIN_MAX);
      String namespace = MetadataCheck.optionalText(ref, "namespace", "spec.secretRef.namespace");
      if (namespace != null) KubernetesNames.requireLabel("spec.secretRef.namespace", namespace);
    }
    return StateStore.parse(doc);
  }
}

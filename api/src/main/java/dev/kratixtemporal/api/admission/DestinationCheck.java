package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.InvalidDocumentException;

/** A Destination beyond {@link Destination#parse}: field types, a path that stays inside its store, names. */
final class DestinationCheck {
  private DestinationCheck() {}

  static Destination check(JsonNode doc) {
    KubernetesNames.requireSubdomain("metadata.name", doc.path("metadata").path("name").asText(),
        KubernetesNames.SUBDOMAIN_MAX);
    JsonNode spec = doc.path("spec");
    if (!spec.isObject()) throw new InvalidDocumentException("spec", "must be an object");
    String path = MetadataCheck.requireText(spec, "path", "spec.path");
    RelativePaths.require("spec.path", path, true);
    JsonNode ref = spec.path("stateStoreRef");
    MetadataCheck.requireText(ref, "kind", "spec.stateStoreRef.kind");
    KubernetesNames.requireSubdomain("spec.stateStoreRef.name",
        MetadataCheck.requireText(ref, "name", "spec.stateStoreRef.name"), KubernetesNames.SUBDOMAIN_MAX);
    MetadataCheck.optionalBoolean(spec, "strictMatchLabels", "spec.strictMatchLabels");
    MetadataCheck.optionalBoolean(spec.path("initWorkloads"), "enabled", "spec.initWorkloads.enabled");
    JsonNode filepath = spec.path("filepath");
    if (!filepath.isMissingNode() && !filepath.isNull() && !filepath.isObject()) {
      throw new InvalidDocumentException("spec.filepath", "must be an object");
    }
    String mode = MetadataCheck.optionalText(filepath, "mode", "spec.filepath.mode");
    if (mode != null && mode.isEmpty()) {
      throw new InvalidDocumentException("spec.filepath.mode", "must be nestedByMetadata, aggregatedYAML or none");
    }
    String filename = MetadataCheck.optionalText(filepath, "filename", "spec.filepath.filename");
    if (filename != null) RelativePaths.require("spec.filepath.filename", filename, false);
    MetadataCheck.optionalText(spec, "cleanup", "spec.cleanup");
    return Destination.parse(doc);
  }
}

package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A reference to a Secret by namespace and name; workflows carry only this, never the secret's data. */
public record SecretRef(String namespace, String name) {

  /** Reads spec.secretRef; null when absent. The namespace defaults to "default", as in Kratix. */
  public static SecretRef parse(JsonNode spec) {
    JsonNode ref = spec.path("secretRef");
    if (ref.isMissingNode() || ref.isNull()) return null;
    String name = ref.path("name").asText("");
    if (name.isEmpty()) throw new InvalidDocumentException("spec.secretRef.name", "is required");
    return new SecretRef(ref.path("namespace").asText("default"), name);
  }

  /** A Kubernetes name (DNS subdomain): it can never leave a folder it names a file in. */
  public static boolean isValidName(String part) {
    return part.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && !part.contains("..");
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A Kratix GitStateStore: a repository and branch that Destinations write into (Kratix docs: GitStateStore). */
public record GitStateStore(String name, String url, String branch, String path, String authorName, String authorEmail,
    String authMethod, SecretRef secretRef) implements StateStore {

  public static GitStateStore parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    JsonNode spec = doc.path("spec");
    String url = spec.path("url").asText("");
    if (url.isEmpty()) throw new InvalidDocumentException("spec.url", "is required");
    String authMethod = spec.path("authMethod").asText("basicAuth");
    if (!authMethod.equals("basicAuth") && !authMethod.equals("ssh") && !authMethod.equals("githubApp")) {
      throw new InvalidDocumentException("spec.authMethod", "must be basicAuth, ssh or githubApp, got '" + authMethod + "'");
    }
    SecretRef secretRef = SecretRef.parse(spec);
    if (secretRef == null && !authMethod.equals("basicAuth")) {
      throw new InvalidDocumentException("spec.secretRef", "is required with authMethod " + authMethod);
    }
    return new GitStateStore(name, url, spec.path("branch").asText("main"), spec.path("path").asText(""),
        spec.path("gitAuthor").path("name").asText("kratix"),
        spec.path("gitAuthor").path("email").asText("kratix@kratix.io"), authMethod, secretRef);
  }
}

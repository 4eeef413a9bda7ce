package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Kratix BucketStateStore: an S3-compatible bucket that Destinations write into (Kratix docs: BucketStateStore).
 *
 * @param endpoint host[:port] of the S3 API, as Kratix takes it (a scheme, if given, is kept)
 * @param insecure plain HTTP instead of TLS
 * @param authMethod accessKey (keys accessKeyID and secretAccessKey in the Secret) or IAM (the client's default
 *     credential chain)
 */
public record BucketStateStore(String name, String endpoint, String bucketName, String path, boolean insecure,
    String authMethod, SecretRef secretRef) implements StateStore {

  public static BucketStateStore parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    JsonNode spec = doc.path("spec");
    String bucket = spec.path("bucketName").asText("");
    if (bucket.isEmpty()) throw new InvalidDocumentException("spec.bucketName", "is required");
    String endpoint = spec.path("endpoint").asText("");
    if (endpoint.isEmpty()) throw new InvalidDocumentException("spec.endpoint", "is required");
    String authMethod = spec.path("authMethod").asText("accessKey");
    if (!authMethod.equals("accessKey") && !authMethod.equals("IAM")) {
      throw new InvalidDocumentException("spec.authMethod", "must be accessKey or IAM, got '" + authMethod + "'");
    }
    SecretRef secretRef = SecretRef.parse(spec);
    if (secretRef == null && authMethod.equals("accessKey")) {
      throw new InvalidDocumentException("spec.secretRef", "is required with authMethod accessKey");
    }
    return new BucketStateStore(name, endpoint, bucket, spec.path("path").asText(""),
        spec.path("insecure").asBoolean(false), authMethod, secretRef);
  }
}

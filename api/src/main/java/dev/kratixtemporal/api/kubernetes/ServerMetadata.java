package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns a custom resource as the API server returns it into the document a user would apply: without the fields
 * the server manages, so that a status write or a finalizer change is not mistaken for a new version.
 */
public final class ServerMetadata {
  /**
   * metadata.generation goes too: the workflows count generations themselves (bumped on a spec change), and
   * GenerationMap translates theirs back to the cluster's for status.observedGeneration.
   */
  static final List<String> SERVER_FIELDS = List.of("resourceVersion", "uid", "managedFields", "creationTimestamp",
      "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "finalizers", "selfLink");
  /** kubectl's copy of the whole object: it would make every apply look different from the last. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private ServerMetadata() {}

  public static ObjectNode strip(JsonNode resource) {
    ObjectNode doc = resource.deepCopy();
    doc.remove("status");
    if (doc.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(SERVER_FIELDS);
      if (metadata.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove(LAST_APPLIED);
        if (annotations.isEmpty()) metadata.remove("annotations");
      }
    }
    return doc;
  }
}

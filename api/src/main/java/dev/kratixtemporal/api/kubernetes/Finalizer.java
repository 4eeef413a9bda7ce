package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The one finalizer that holds a custom resource until its workflow has finished deleting. One, not Kratix's
 * several (kratix.io/delete-workflows, work-cleanup, ...): the workflow runs the whole ordered delete itself. Its
 * own name, so that a Kratix controller on the same cluster never removes it (nor this one Kratix's).
 */
public final class Finalizer {
  public static final String NAME = "kratix.io/temporal-delete";

  private Finalizer() {}

  public static boolean on(JsonNode resource) {
    for (JsonNode f : resource.path("metadata").path("finalizers")) {
      if (NAME.equals(f.asText())) return true;
    }
    return false;
  }

  public static boolean deleting(JsonNode resource) {
    JsonNode t = resource.path("metadata").path("deletionTimestamp");
    return t.isTextual() && !t.asText().isEmpty();
  }

  private static List<String> current(GenericKubernetesResource r) {
    List<String> finalizers = r.getMetadata().getFinalizers();
    return finalizers == null ? new ArrayList<>() : new ArrayList<>(finalizers);
  }

  /** For ClusterObjects.edit: the resource with the finalizer added, or null when it is there already. */
  static GenericKubernetesResource with(GenericKubernetesResource r) {
    List<String> finalizers = current(r);
    if (finalizers.contains(NAME)) return null;
    finalizers.add(NAME);
    r.getMetadata().setFinalizers(finalizers);
    return r;
  }

  /** The resource with the finalizer removed, or null when it is not there. */
  static GenericKubernetesResource without(GenericKubernetesResource r) {
    List<String> finalizers = current(r);
    if (!finalizers.remove(NAME)) return null;
    r.getMetadata().setFinalizers(finalizers);
    return r;
  }
}

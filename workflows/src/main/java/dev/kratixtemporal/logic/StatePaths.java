package dev.kratixtemporal.logic;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;

/** Where a placement's files live inside a Destination, for the nestedByMetadata layout (Kratix docs: nestedByMetadata). */
public final class StatePaths {
  public static final String CANARY_NAMESPACE = "kratix-canary-namespace.yaml";
  public static final String CANARY_CONFIGMAP = "kratix-canary-configmap.yaml";

  private StatePaths() {}

  /** The directory (relative to the store root, no trailing slash) that holds one placement's files. */
  public static String placementDirectory(Destination destination, Work work, WorkloadGroup group) {
    String base;
    if (work.isDependency()) {
      base = work.pipelineName() == null
          ? "dependencies/" + work.promiseName() + "/" + group.shortId()
          : "dependencies/" + work.promiseName() + "/" + work.pipelineName() + "/" + group.shortId();
    } else {
      base = "resources/" + work.namespace() + "/" + work.promiseName() + "/" + work.resourceName() + "/"
          + work.pipelineName() + "/" + group.shortId();
    }
    return join(destination.path(), base);
  }

  public static String canaryNamespacePath(Destination d) {
    return join(d.path(), Destination.NESTED.equals(d.filepathMode()) ? "dependencies/" + CANARY_NAMESPACE : CANARY_NAMESPACE);
  }

  public static String canaryConfigMapPath(Destination d) {
    return join(d.path(), Destination.NESTED.equals(d.filepathMode()) ? "resources/" + CANARY_CONFIGMAP : CANARY_CONFIGMAP);
  }

  /** Joins path parts, treating "", "." and "/" as the root. */
  public static String join(String prefix, String rest) {
    String p = prefix == null ? "" : prefix.trim();
    while (p.startsWith("/") || p.startsWith("./")) p = p.startsWith("/") ? p.substring(1) : p.substring(2);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    if (p.isEmpty() || p.equals(".")) return rest;
    return rest.isEmpty() ? p : p + "/" + rest;
  }

  /** filepath.mode none: the file listing what one placement wrote (Kratix docs: none). */
  public static String trackingFile(Destination destination, Work work, String placementName) {
    return join(destination.path(), ".kratix/" + work.namespace() + "-" + placementName + ".yaml");
  }

  /** A WorkPlacement name as Kratix forms it. */
  public static String placementName(String workName, String destination, String groupId) {
    return workName + "." + destination + "-" + groupId.substring(0, 5);
  }
}

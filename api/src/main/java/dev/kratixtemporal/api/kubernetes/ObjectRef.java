package dev.kratixtemporal.api.kubernetes;

/** One custom resource on the cluster; namespace is "" for cluster-scoped kinds. */
public record ObjectRef(KindRef kind, String namespace, String name) {
  public String workflowId() {
    return kind.workflowId(namespace.isEmpty() ? "default" : namespace, name);
  }

  @Override
  public String toString() {
    return kind.kind() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}

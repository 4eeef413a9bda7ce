package dev.kratixtemporal.model;

/** A reference to a GitStateStore or BucketStateStore by kind and name. */
public record StoreRef(String kind, String name) {
  public String workflowId() {
    return kind.toLowerCase() + "/" + name;
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}

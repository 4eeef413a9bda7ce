package dev.kratixtemporal.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A state store a Destination writes into. Payloads carry the kind; payloads recorded before bucket stores existed
 * have none and are Git stores.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind",
    defaultImpl = GitStateStore.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = GitStateStore.class, name = "GitStateStore"),
    @JsonSubTypes.Type(value = BucketStateStore.class, name = "BucketStateStore")})
public sealed interface StateStore permits GitStateStore, BucketStateStore {
  String name();

  /** The prefix inside the repository or bucket under which every Destination path lives. */
  String path();

  /** The Secret holding the credentials, or null for none. */
  SecretRef secretRef();

  /** Reads a GitStateStore or BucketStateStore document, rejecting what Kratix's webhook rejects. */
  static StateStore parse(JsonNode doc) {
    return switch (Docs.kind(doc)) {
      case "GitStateStore" -> GitStateStore.parse(doc);
      case "BucketStateStore" -> BucketStateStore.parse(doc);
      default -> throw new InvalidDocumentException("kind", "must be GitStateStore or BucketStateStore");
    };
  }
}

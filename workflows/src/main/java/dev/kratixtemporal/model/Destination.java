package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A Kratix Destination: where scheduled files go, and the labels used to choose it. */
public record Destination(String name, Map<String, String> labels, String path, StoreRef stateStoreRef,
    boolean strictMatchLabels, String filepathMode, String filename, String cleanup, boolean initWorkloads) {

  public static final String NESTED = "nestedByMetadata";
  public static final String AGGREGATED = "aggregatedYAML";
  public static final String NONE = "none";

  /** What a new version of an existing Destination may not change (Kratix's webhook refuses it too). */
  public void requireChangeableFrom(Destination old) {
    if (!old.filepathMode().equals(filepathMode)) throw new InvalidDocumentException("spec.filepath.mode", "is immutable");
  }

  /** Reads a Destination document, rejecting what Kratix's webhook rejects. */
  public static Destination parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    JsonNode spec = doc.path("spec");
    String path = spec.path("path").asText("");
    if (path.isEmpty()) throw new InvalidDocumentException("spec.path", "is required");
    JsonNode ref = spec.path("stateStoreRef");
    String kind = ref.path("kind").asText("");
    if (!kind.equals("GitStateStore") && !kind.equals("BucketStateStore")) {
      throw new InvalidDocumentException("spec.stateStoreRef.kind", "must be GitStateStore or BucketStateStore, got '" + kind + "'");
    }
    String storeName = ref.path("name").asText("");
    if (storeName.isEmpty()) throw new InvalidDocumentException("spec.stateStoreRef.name", "is required");
    String mode = spec.path("filepath").path("mode").asText(NESTED);
    if (!mode.equals(NESTED) && !mode.equals(AGGREGATED) && !mode.equals(NONE)) {
      throw new InvalidDocumentException("spec.filepath.mode", "must be nestedByMetadata, aggregatedYAML or none, got '" + mode + "'");
    }
    String filename = spec.path("filepath").path("filename").asText("aggregated.yaml");
    String cleanup = spec.path("cleanup").asText("none");
    if (!cleanup.equals("none") && !cleanup.equals("all")) {
      throw new InvalidDocumentException("spec.cleanup", "must be none or all, got '" + cleanup + "'");
    }
    boolean init = spec.path("initWorkloads").path("enabled").asBoolean(true);
    return new Destination(name, Docs.labels(doc), path, new StoreRef(kind, storeName),
        spec.path("strictMatchLabels").asBoolean(false), mode, filename, cleanup, init);
  }
}

package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.StateStore;
import java.util.List;

/**
 * One commit's worth of change to a store: directories removed, then files written (paths relative to the
 * store's spec.path, contents read from the blob store by sha256), committed with the given message when anything
 * changed. {@link dev.kratixtemporal.logic.DestinationLayout} plans it and the writers apply it.
 *
 * @param trackingFile for filepath.mode none: the .kratix file listing what this placement wrote; the files it
 *     lists are removed first, and it is rewritten with the new list (or removed with the last file). Else null.
 * @param aggregate for filepath.mode aggregatedYAML: this placement's part of the Destination's one file. Else null.
 */
public record StoreChange(StateStore store, List<String> removeDirectories, List<FileRef> files, String message,
    String trackingFile, AggregatedPart aggregate) {

  public StoreChange(StateStore store, List<String> removeDirectories, List<FileRef> files, String message,
      String trackingFile) {
    this(store, removeDirectories, files, message, trackingFile, null);
  }

  /** Every blob the change needs: its files and its aggregated documents. */
  public List<FileRef> refs() {
    if (aggregate == null) return files;
    return java.util.stream.Stream.concat(files.stream(), aggregate.documents().stream()).toList();
  }

  /**
   * One placement's documents inside an aggregatedYAML file.
   *
   * @param file the file's path relative to the store's spec.path
   * @param documents the placement's workloads, by reference; empty removes the placement from the file
   */
  public record AggregatedPart(String file, String placement, List<FileRef> documents) {}
}

package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.OutputFile;
import dev.kratixtemporal.model.StateStore;
import java.util.List;

/**
 * One commit's worth of change to a store: directories removed, then files written (paths relative to the
 * store's spec.path), committed with the given message when anything changed.
 *
 * @param trackingFile for filepath.mode none: the .kratix file listing what this placement wrote; the files it
 *     lists are removed first, and it is rewritten with the new list (or removed with the last file). Else null.
 * @param aggregate for filepath.mode aggregatedYAML: this placement's part of the Destination's one file. Else null.
 */
public record StoreChange(StateStore store, List<String> removeDirectories, List<OutputFile> files, String message,
    String trackingFile, AggregatedPart aggregate) {

  public StoreChange(StateStore store, List<String> removeDirectories, List<OutputFile> files, String message,
      String trackingFile) {
    this(store, removeDirectories, files, message, trackingFile, null);
  }

  /**
   * One placement's documents inside an aggregatedYAML file.
   *
   * @param file the file's path relative to the store's spec.path
   * @param documents the placement's workloads; empty removes the placement from the file
   */
  public record AggregatedPart(String file, String placement, List<String> documents) {}
}

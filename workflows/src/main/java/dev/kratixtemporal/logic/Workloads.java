package dev.kratixtemporal.logic;

import dev.kratixtemporal.model.DestinationSelector;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.SourcedSelector;
import dev.kratixtemporal.model.WorkloadGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Splits a pipeline's output into workload groups, as Kratix's work-writer does (Kratix docs: work-writer; Directory semantics). */
public final class Workloads {
  private Workloads() {}

  /**
   * @param selectors the pipeline's destination-selectors.yaml entries
   * @param promiseSelectors the Promise's spec.destinationSelectors
   * @param workflowSource promise-workflow or resource-workflow
   */
  public static List<WorkloadGroup> groups(List<FileRef> outputs, List<DestinationSelector> selectors,
      List<Map<String, String>> promiseSelectors, String workflowSource) {
    validate(selectors);
    Map<String, DestinationSelector> byDirectory = new LinkedHashMap<>();
    DestinationSelector rootEntry = null;
    for (DestinationSelector s : selectors) {
      String dir = cleanDirectory(s.directory());
      if (dir == null) rootEntry = s;
      else byDirectory.put(dir, s);
    }
    List<WorkloadGroup> groups = new ArrayList<>();
    List<FileRef> rootFiles = new ArrayList<>();
    Map<String, List<FileRef>> dirFiles = new LinkedHashMap<>();
    byDirectory.keySet().forEach(d -> dirFiles.put(d, new ArrayList<>()));
    for (FileRef f : outputs) {
      String top = f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) : null;
      if (top != null && dirFiles.containsKey(top)) dirFiles.get(top).add(f);
      else rootFiles.add(f);
    }
    if (!rootFiles.isEmpty()) {
      List<SourcedSelector> rootSelectors = new ArrayList<>();
      if (rootEntry != null) rootSelectors.add(new SourcedSelector(rootEntry.matchLabels(), workflowSource));
      for (Map<String, String> p : promiseSelectors) rootSelectors.add(new SourcedSelector(p, SourcedSelector.PROMISE));
      groups.add(new WorkloadGroup(Hashing.groupId("."), ".", rootFiles, rootSelectors));
    }
    for (Map.Entry<String, DestinationSelector> e : byDirectory.entrySet()) {
      List<FileRef> files = dirFiles.get(e.getKey());
      if (files.isEmpty()) continue;
      groups.add(new WorkloadGroup(Hashing.groupId(e.getKey()), e.getKey(), files,
          List.of(new SourcedSelector(e.getValue().matchLabels(), workflowSource))));
    }
    return groups;
  }

  /** The checks Kratix's work-writer makes on destination-selectors.yaml; a failure fails the pipeline. */
  public static void validate(List<DestinationSelector> selectors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < selectors.size(); i++) {
      DestinationSelector s = selectors.get(i);
      String at = "destination-selectors.yaml[" + i + "]";
      if (s.matchLabels() == null || s.matchLabels().isEmpty()) {
        throw new InvalidDocumentException(at + ".matchLabels", "must have at least one label");
      }
      String dir = cleanDirectory(s.directory());
      String key = dir == null ? "." : dir;
      if (!seen.add(key)) throw new InvalidDocumentException(at + ".directory", "duplicate directory '" + key + "'");
      if (dir != null && dir.contains("/")) {
        throw new InvalidDocumentException(at + ".directory", "'" + dir + "' is nested; only top-level directories are allowed");
      }
      if (dir != null && dir.startsWith("..")) {
        throw new InvalidDocumentException(at + ".directory", "'" + dir + "' escapes the output directory");
      }
    }
  }

  /** filepath.Clean, with "" and "." meaning the root entry (null). */
  static String cleanDirectory(String directory) {
    if (directory == null || directory.isBlank()) return null;
    String clean = Path.of(directory).normalize().toString();
    if (clean.startsWith("/")) clean = clean.substring(1);
    return clean.isEmpty() || clean.equals(".") ? null : clean;
  }
}

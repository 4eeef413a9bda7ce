package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.StateStore;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Destination's filepath.mode lays files out in its store (Kratix docs: nestedByMetadata; aggregatedYAML;
 * none): which paths a placement removes, writes and tracks. The one home of that knowledge: the workflows plan
 * {@link StoreChange}s with it, and the store writers read and write the tracking file and the aggregated file
 * with it.
 */
public final class DestinationLayout {
  private final Destination destination;

  private DestinationLayout(Destination destination) {
    this.destination = destination;
  }

  public static DestinationLayout of(Destination destination) {
    return new DestinationLayout(destination);
  }

  /**
   * A placement's files in this layout: nestedByMetadata replaces the placement's own directory; aggregatedYAML
   * replaces the placement's part of the one file; none writes the files flat and tracks them in a .kratix file.
   * No files removes the placement.
   *
   * @param files the group's files by path relative to /kratix/output
   */
  public StoreChange place(StateStore store, Work work, WorkloadGroup group, String placementName, List<FileRef> files,
      String message) {
    String mode = destination.filepathMode();
    if (Destination.AGGREGATED.equals(mode)) {
      StoreChange.AggregatedPart part = new StoreChange.AggregatedPart(aggregatedFile(), placementName, files);
      return new StoreChange(store, List.of(), List.of(), message, null, part);
    }
    if (Destination.NONE.equals(mode)) {
      List<FileRef> flat = files.stream().map(f -> f.at(StatePaths.join(destination.path(), f.path()))).toList();
      return new StoreChange(store, List.of(), flat, message, StatePaths.trackingFile(destination, work, placementName));
    }
    String dir = StatePaths.placementDirectory(destination, work, group);
    List<FileRef> nested = files.stream().map(f -> f.at(dir + "/" + f.path())).toList();
    return new StoreChange(store, List.of(dir), nested, message, null);
  }

  /** The canary files' paths: the namespace file, then the ConfigMap file (Kratix docs: Destination registration). */
  public List<String> canaryPaths() {
    return List.of(StatePaths.canaryNamespacePath(destination), StatePaths.canaryConfigMapPath(destination));
  }

  /**
   * What cleanup: all removes: a Destination's path is its own in the store, so all of it; at the store root, only
   * what Kratix writes there.
   */
  public List<String> everything() {
    String own = StatePaths.join(destination.path(), "");
    if (!own.isEmpty()) return List.of(own);
    List<String> remove = new ArrayList<>(List.of("dependencies", "resources", ".kratix"));
    remove.addAll(canaryPaths());
    if (Destination.AGGREGATED.equals(destination.filepathMode())) remove.add(destination.filename());
    return remove;
  }

  /** aggregatedYAML: the one file, relative to the store's path. */
  public String aggregatedFile() {
    return StatePaths.join(destination.path(), destination.filename());
  }

  /** filepath.mode none: the paths a tracking file lists (relative to the store's path). */
  public static List<String> trackedFiles(String trackingFileContent) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode f : KratixYaml.YAML.readTree(trackingFileContent).path("files")) out.add(f.asText());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** filepath.mode none: the tracking file listing these paths. */
  public static String trackingFileContent(List<String> paths) {
    ObjectNode list = KratixYaml.JSON.createObjectNode();
    paths.forEach(p -> list.withArray("files").add(p));
    return KratixYaml.toYaml(list);
  }

  /**
   * aggregatedYAML: the file with one placement's part replaced by these documents (removed when there are none);
   * null when no placement is left and the file goes.
   */
  public static String mergeAggregated(String existing, String placementName, List<String> documents) {
    return AggregatedYaml.merge(existing, placementName, documents);
  }
}

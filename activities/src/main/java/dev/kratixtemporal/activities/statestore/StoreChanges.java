package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.DestinationLayout;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.FileRef;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Applies a {@link StoreChange} to a store's files, the same way for every kind of store; what the tracking and
 * aggregated files hold is {@link DestinationLayout}'s to say (Kratix docs: nestedByMetadata; none; aggregatedYAML).
 */
final class StoreChanges {
  private StoreChanges() {}

  static void apply(StoreFiles files, String storePath, StoreChange change, BlobTexts contents) throws IOException {
    checkPaths(storePath, change);
    for (String d : change.removeDirectories()) files.deleteTree(inside(storePath, d));
    String tracking = change.trackingFile() == null ? null : inside(storePath, change.trackingFile());
    if (tracking != null) {
      String listed = files.read(tracking);
      if (listed != null) {
        for (String f : DestinationLayout.trackedFiles(listed)) files.delete(inside(storePath, f));
        files.delete(tracking);
      }
    }
    for (FileRef f : change.files()) files.write(inside(storePath, f.path()), contents.of(f));
    if (tracking != null && !change.files().isEmpty()) {
      files.write(tracking, DestinationLayout.trackingFileContent(change.files().stream().map(FileRef::path).toList()));
    }
    if (change.aggregate() != null) {
      String file = inside(storePath, change.aggregate().file());
      String merged = DestinationLayout.mergeAggregated(files.read(file), change.aggregate().placement(),
          change.aggregate().documents().stream().map(contents::of).toList());
      if (merged == null) files.delete(file);
      else files.write(file, merged);
    }
  }

  /**
   * Refuses the whole change before anything is written when one of its own paths is unsafe, so a bad path never
   * leaves half a change behind.
   */
  static void checkPaths(String storePath, StoreChange change) {
    change.removeDirectories().forEach(d -> inside(storePath, d));
    if (change.trackingFile() != null) inside(storePath, change.trackingFile());
    change.files().forEach(f -> inside(storePath, f.path()));
    if (change.aggregate() != null) inside(storePath, change.aggregate().file());
  }

  /**
   * The path joined under the store's path. A path that normalises outside the store's path, onto it, or that
   * has a .git segment is refused (Kratix skips such a write silently; we name it, so the request's status does):
   * retrying cannot fix it.
   */
  static String inside(String storePath, String relative) {
    String base = normal(StatePaths.join(storePath, ""));
    String joined = normal(StatePaths.join(storePath, relative));
    if (relative.startsWith("/") || joined.equals("..") || joined.startsWith("../") || joined.equals(base)
        || !(base.isEmpty() || joined.startsWith(base + "/"))) {
      throw StoreFailures.of(StoreFailures.PATH_OUTSIDE_STORE, "path " + quoted(relative)
          + " is outside the state store path " + quoted(storePath == null ? "" : storePath));
    }
    for (Path segment : Path.of(joined)) {
      if (segment.toString().equalsIgnoreCase(".git")) {
        throw StoreFailures.of(StoreFailures.PATH_OUTSIDE_STORE, "path " + quoted(relative) + " is inside a .git folder");
      }
    }
    return joined;
  }

  private static String normal(String path) {
    return path.isEmpty() ? "" : Path.of(path).normalize().toString();
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}

package dev.kratixtemporal.activities.statestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.AggregatedYaml;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.OutputFile;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a {@link StoreChange} to a store's files, the same way for every kind of store (spec 7.1 to 7.3). */
final class StoreChanges {
  private static final Logger log = LoggerFactory.getLogger(StoreChanges.class);

  private StoreChanges() {}

  static void apply(StoreFiles files, String storePath, StoreChange change) throws IOException {
    for (String d : change.removeDirectories()) {
      String target = inside(storePath, d);
      if (target != null) files.deleteTree(target);
    }
    String tracking = change.trackingFile() == null ? null : inside(storePath, change.trackingFile());
    if (tracking != null) {
      String listed = files.read(tracking);
      if (listed != null) {
        for (JsonNode f : KratixYaml.YAML.readTree(listed).path("files")) {
          String target = inside(storePath, f.asText());
          if (target != null) files.delete(target);
        }
        files.delete(tracking);
      }
    }
    for (OutputFile f : change.files()) {
      String target = inside(storePath, f.path());
      if (target == null) {
        // Kratix aborts a write whose path escapes the store, without an error.
        log.warn("skipping {}: it escapes the state store", f.path());
        continue;
      }
      files.write(target, f.content());
    }
    if (tracking != null && !change.files().isEmpty()) {
      ObjectNode list = KratixYaml.JSON.createObjectNode();
      change.files().forEach(f -> list.withArray("files").add(f.path()));
      files.write(tracking, KratixYaml.toYaml(list));
    }
    if (change.aggregate() != null) {
      String file = inside(storePath, change.aggregate().file());
      if (file == null) return;
      String merged = AggregatedYaml.merge(files.read(file), change.aggregate().placement(), change.aggregate().documents());
      if (merged == null) files.delete(file);
      else files.write(file, merged);
    }
  }

  /** The path joined under the store's path, or null when it would escape the store. */
  static String inside(String storePath, String relative) {
    String joined = StatePaths.join(storePath, relative);
    if (joined.isEmpty() || joined.startsWith("/")) return null;
    Path normal = Path.of(joined).normalize();
    if (normal.toString().isEmpty() || normal.startsWith("..") || normal.startsWith(".git")) return null;
    return normal.toString();
  }
}

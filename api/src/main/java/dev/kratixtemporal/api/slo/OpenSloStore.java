package dev.kratixtemporal.api.slo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OpenSLO documents as applied, one JSON file each under the data folder ({@code openslo/sli/<name>.json},
 * {@code openslo/slo/<name>.json}), the way applied Secrets are kept (docs/slos.md, "Where documents are kept"). An
 * SLI has no workflow: it is only read when an SLO names it. An SLO's numbers live in its workflow; its document is
 * kept here so that GET answers it as written and an SLI's change can reach the SLOs that name it.
 */
public class OpenSloStore {
  /** The kinds kept, by their folder. */
  public enum Kind {
    SLI, SLO;

    String folder() {
      return name().toLowerCase();
    }
  }

  /** A DNS label, as Slo.parse and Sli.parse require of metadata.name: nothing that could step out of the folder. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private final Path dir;

  public OpenSloStore(Path dir) {
    this.dir = dir;
  }

  public void put(Kind kind, String name, ObjectNode doc) {
    Path file = file(kind, name);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".doc", ".tmp");
      Files.writeString(tmp, KratixYaml.JSON.writeValueAsString(doc));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document, or null when none of that name is kept. */
  public ObjectNode get(Kind kind, String name) {
    if (!NAME.matcher(name).matches()) return null;
    Path file = file(kind, name);
    try {
      return Files.exists(file) ? (ObjectNode) KratixYaml.JSON.readTree(Files.readString(file)) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when there was one to delete. */
  public boolean delete(Kind kind, String name) {
    if (!NAME.matcher(name).matches()) return false;
    try {
      return Files.deleteIfExists(file(kind, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of the kind, by name. */
  public List<ObjectNode> list(Kind kind) {
    Path folder = dir.resolve(kind.folder());
    if (!Files.isDirectory(folder)) return List.of();
    List<ObjectNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        ObjectNode doc = get(kind, f.getFileName().toString().replaceFirst("\\.json$", ""));
        if (doc != null) out.add(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private Path file(Kind kind, String name) {
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("'" + name + "' is not a DNS label");
    return dir.resolve(kind.folder()).resolve(name + ".json");
  }
}

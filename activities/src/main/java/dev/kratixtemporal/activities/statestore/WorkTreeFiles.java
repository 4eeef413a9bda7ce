package dev.kratixtemporal.activities.statestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files of a Git work tree; the .git folder is out of reach. */
final class WorkTreeFiles implements StoreFiles {
  private final Path root;

  WorkTreeFiles(Path root) {
    this.root = root;
  }

  @Override
  public String read(String path) throws IOException {
    Path p = resolve(path);
    return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
  }

  @Override
  public void write(String path, String content) throws IOException {
    Path p = resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  @Override
  public void delete(String path) throws IOException {
    Files.deleteIfExists(resolve(path));
  }

  @Override
  public void deleteTree(String path) throws IOException {
    Path p = resolve(path);
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  private Path resolve(String path) throws IOException {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || p.equals(root) || p.startsWith(root.resolve(".git"))) {
      throw new IOException("path " + path + " is outside the work tree");
    }
    return p;
  }
}

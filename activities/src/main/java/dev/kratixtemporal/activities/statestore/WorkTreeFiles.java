package dev.kratixtemporal.activities.statestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a Git work tree. A path is only used when none of its segments is a symbolic link, either in the
 * commit (the clone checks links out as plain files) or on disk (a clone made before that), and it stays out of .git:
 * a link committed by someone with access to the repository must never make us write or delete outside the clone.
 */
final class WorkTreeFiles implements StoreFiles {
  private final Path root;
  private final Set<String> committedLinks;
  /** The paths written or deleted, from the root: what a commit needs to look at, not the whole tree. */
  private final Set<String> touched = new LinkedHashSet<>();

  /** committedLinks: the paths the checked-out commit holds as symbolic links. */
  WorkTreeFiles(Path root, Set<String> committedLinks) {
    this.root = root;
    this.committedLinks = committedLinks;
  }

  @Override
  public String read(String path) throws IOException {
    Path p = resolve(path);
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p, StandardCharsets.UTF_8) : null;
  }

  @Override
  public void write(String path, String content) throws IOException {
    Path p = resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    touched.add(root.relativize(p).toString());
  }

  @Override
  public void delete(String path) throws IOException {
    Path p = resolve(path);
    Files.deleteIfExists(p);
    touched.add(root.relativize(p).toString());
  }

  @Override
  public void deleteTree(String path) throws IOException {
    Path p = resolve(path);
    touched.add(root.relativize(p).toString());
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
    // Files.walk does not follow links below its start, and the start is not a link (resolve checked).
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  /** The paths written or deleted so far (a deleted folder as itself), from the work tree's root. */
  Set<String> touched() {
    return touched;
  }

  /** The path in the work tree, after checking each segment from the root down without following links. */
  Path resolve(String path) throws IOException {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || p.equals(root) || p.startsWith(root.resolve(".git"))) {
      throw StoreFailures.of(StoreFailures.PATH_OUTSIDE_STORE, "path " + path + " is outside the work tree");
    }
    Path current = root;
    for (Path segment : root.relativize(p)) {
      current = current.resolve(segment);
      String relative = root.relativize(current).toString();
      if (segment.toString().equalsIgnoreCase(".git")) {
        throw StoreFailures.of(StoreFailures.PATH_OUTSIDE_STORE, "path " + path + " is inside a .git folder");
      }
      if (committedLinks.contains(relative) || Files.isSymbolicLink(current)) {
        throw StoreFailures.of(StoreFailures.LINK_IN_STORE, "refusing to write " + path + ": " + relative
            + " is a symbolic link in the state store");
      }
    }
    return p;
  }
}

package dev.kratixtemporal.activities.statestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The files of one commit's tree, edited in memory: a write stores a blob, and {@link #writeTree} builds the new
 * tree from the entries. Nothing is checked out, so nothing in the repository can make us touch the host's disk; a
 * path is still refused when one of its segments is a symbolic link in the tree, as Kratix refuses to write through
 * one. A file standing where a folder must go (or the reverse) is replaced, as a fresh write would.
 */
final class GitTreeFiles implements StoreFiles {
  private record Entry(FileMode mode, ObjectId id) {}

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final TreeMap<String, Entry> entries;
  private boolean changed;

  private GitTreeFiles(ObjectReader reader, ObjectInserter inserter, TreeMap<String, Entry> entries) {
    this.reader = reader;
    this.inserter = inserter;
    this.entries = entries;
  }

  /** The tree's files under the directory ("" for all); the reader and inserter stay the caller's to close. */
  static GitTreeFiles of(ObjectReader reader, ObjectInserter inserter, ObjectId tree, String directory) throws IOException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      if (!directory.isEmpty()) walk.setFilter(PathFilter.create(directory));
      while (walk.next()) entries.put(walk.getPathString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
    }
    return new GitTreeFiles(reader, inserter, entries);
  }

  @Override
  public String read(String path) throws IOException {
    checkNoLink(path);
    Entry e = entries.get(path);
    if (e == null || e.mode() != FileMode.REGULAR_FILE && e.mode() != FileMode.EXECUTABLE_FILE) return null;
    return new String(reader.open(e.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE), StandardCharsets.UTF_8);
  }

  @Override
  public void write(String path, String content) throws IOException {
    checkNoLink(path);
    ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    Entry before = entries.get(path);
    if (before != null && before.mode() == FileMode.REGULAR_FILE && before.id().equals(id)) return;
    for (String parent = parentOf(path); parent != null; parent = parentOf(parent)) entries.remove(parent);
    removeUnder(path);
    entries.put(path, new Entry(FileMode.REGULAR_FILE, id));
    changed = true;
  }

  @Override
  public void delete(String path) throws IOException {
    checkNoLink(path);
    changed |= entries.remove(path) != null;
  }

  @Override
  public void deleteTree(String path) throws IOException {
    checkNoLink(path);
    changed |= entries.remove(path) != null;
    removeUnder(path);
  }

  /** Whether a write or delete changed anything. */
  boolean changed() {
    return changed;
  }

  /** Every regular file, by path, with its content: a link is data, never a file of ours. */
  Map<String, String> contents() throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (var e : entries.entrySet()) {
      if (e.getValue().mode() == FileMode.REGULAR_FILE || e.getValue().mode() == FileMode.EXECUTABLE_FILE) {
        files.put(e.getKey(), new String(reader.open(e.getValue().id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE),
            StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** Stores the edited tree; its id. */
  ObjectId writeTree() throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (var e : entries.entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(e.getKey());
      entry.setFileMode(e.getValue().mode());
      entry.setObjectId(e.getValue().id());
      builder.add(entry);
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  private void removeUnder(String path) {
    // '0' follows '/': the range holds exactly the paths under the folder.
    var under = entries.subMap(path + "/", path + "0");
    if (!under.isEmpty()) {
      under.clear();
      changed = true;
    }
  }

  private void checkNoLink(String path) {
    for (String p = path; p != null; p = parentOf(p)) {
      Entry e = entries.get(p);
      if (e != null && e.mode() == FileMode.SYMLINK) {
        throw StoreFailures.of(StoreFailures.LINK_IN_STORE, "refusing to write " + path + ": " + p
            + " is a symbolic link in the state store");
      }
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? null : path.substring(0, slash);
  }
}

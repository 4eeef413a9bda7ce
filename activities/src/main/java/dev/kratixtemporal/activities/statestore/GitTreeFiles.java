package dev.kratixtemporal.activities.statestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The files of one commit's tree, edited in memory. A folder's tree is read only when a path goes through it, and
 * {@link #writeTree} stores only the folders a change went through: a commit costs the depth of what it changed, not
 * the size of the store. Nothing is checked out, so nothing in the repository can make us touch the host's disk; a
 * path is still refused when one of its segments is a symbolic link in the tree, as Kratix refuses to write through
 * one. A file standing where a folder must go is replaced, as a fresh write would.
 */
final class GitTreeFiles implements StoreFiles {
  /** A file, a link or a submodule: anything but a folder. */
  private record Leaf(FileMode mode, ObjectId id) {}

  /**
   * A folder: its stored tree until a change goes through it, its entries once read, in Git's order: keyed by name,
   * a folder's name followed by '/' (Git sorts it so), compared by code point (the order of their UTF-8 bytes).
   */
  private static final class Folder {
    ObjectId stored;
    TreeMap<String, Object> entries;

    Folder(ObjectId stored) {
      this.stored = stored;
    }
  }

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final Folder root;

  private GitTreeFiles(ObjectReader reader, ObjectInserter inserter, ObjectId tree) {
    this.reader = reader;
    this.inserter = inserter;
    this.root = new Folder(tree);
  }

  /** The tree's files; the reader and inserter stay the caller's to close. */
  static GitTreeFiles of(ObjectReader reader, ObjectInserter inserter, ObjectId tree) {
    return new GitTreeFiles(reader, inserter, tree);
  }

  @Override
  public String read(String path) throws IOException {
    Object entry = entry(path);
    if (!(entry instanceof Leaf leaf) || !isFile(leaf)) return null;
    return text(leaf);
  }

  @Override
  public void write(String path, String content) throws IOException {
    ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    if (entry(path) instanceof Leaf before && before.mode() == FileMode.REGULAR_FILE && before.id().equals(id)) return;
    List<Folder> folders = foldersTo(path, true);
    Map<String, Object> parent = folders.get(folders.size() - 1).entries;
    parent.remove(name(path) + "/");
    parent.put(name(path), new Leaf(FileMode.REGULAR_FILE, id));
    folders.forEach(f -> f.stored = null);
  }

  @Override
  public void delete(String path) throws IOException {
    if (entry(path) instanceof Leaf) remove(path);
  }

  @Override
  public void deleteTree(String path) throws IOException {
    if (entry(path) != null) remove(path);
  }

  /** Whether a write or delete changed anything. */
  boolean changed() {
    return root.stored == null;
  }

  /** Every file under the directory ("" for all), by path from the root, with its content; links are left out. */
  Map<String, String> contents(String directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Object start = directory.isEmpty() ? root : entry(directory);
    if (start instanceof Folder folder) collect(folder, directory.isEmpty() ? "" : directory + "/", files);
    return files;
  }

  /** Stores the folders a change went through; the root tree's id. */
  ObjectId writeTree() throws IOException {
    ObjectId id = write(root);
    return id != null ? id : inserter.insert(new TreeFormatter());
  }

  /** The folder's tree id, stored again when changed; null for a folder left empty (Git keeps none). */
  private ObjectId write(Folder folder) throws IOException {
    if (folder.stored != null) return folder.stored;
    TreeFormatter tree = new TreeFormatter();
    int written = 0;
    for (var e : folder.entries.entrySet()) {
      if (e.getValue() instanceof Folder sub) {
        ObjectId id = write(sub);
        if (id == null) continue;
        tree.append(e.getKey().substring(0, e.getKey().length() - 1), FileMode.TREE, id);
      } else {
        Leaf leaf = (Leaf) e.getValue();
        tree.append(e.getKey(), leaf.mode(), leaf.id());
      }
      written++;
    }
    if (written == 0) return null;
    folder.stored = inserter.insert(tree);
    return folder.stored;
  }

  /** Code point order, which is the order of the names' UTF-8 bytes, as Git sorts them. */
  private static int gitOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static Object child(Folder folder, String name) {
    Object leaf = folder.entries.get(name);
    return leaf != null ? leaf : folder.entries.get(name + "/");
  }

  private void remove(String path) throws IOException {
    List<Folder> folders = foldersTo(path, false);
    Map<String, Object> parent = folders.get(folders.size() - 1).entries;
    parent.remove(name(path));
    parent.remove(name(path) + "/");
    folders.forEach(f -> f.stored = null);
  }

  /** What the path names (a Leaf or a Folder), or null; a link on the way, or at the end, is refused. */
  private Object entry(String path) throws IOException {
    List<Folder> folders = foldersTo(path, false);
    if (folders == null) return null;
    Folder parent = folders.get(folders.size() - 1);
    entries(parent);
    Object e = child(parent, name(path));
    if (e instanceof Leaf leaf && leaf.mode() == FileMode.SYMLINK) throw link(path, path);
    return e;
  }

  /**
   * The folders from the root to the path's parent, read as needed. Creating, a file in the way becomes a folder;
   * otherwise a missing folder gives null.
   */
  private List<Folder> foldersTo(String path, boolean create) throws IOException {
    List<Folder> folders = new ArrayList<>();
    Folder current = root;
    folders.add(current);
    String[] segments = path.split("/");
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < segments.length - 1; i++) {
      walked.append(i == 0 ? "" : "/").append(segments[i]);
      entries(current);
      Object next = child(current, segments[i]);
      if (next instanceof Leaf leaf && leaf.mode() == FileMode.SYMLINK) throw link(path, walked.toString());
      if (!(next instanceof Folder)) {
        if (!create) return null;
        Folder made = new Folder(null);
        made.entries = new TreeMap<>(GitTreeFiles::gitOrder);
        current.entries.remove(segments[i]);
        current.entries.put(segments[i] + "/", made);
        next = made;
      }
      current = (Folder) next;
      folders.add(current);
    }
    entries(current);
    return folders;
  }

  private Map<String, Object> entries(Folder folder) throws IOException {
    if (folder.entries == null) {
      folder.entries = new TreeMap<>(GitTreeFiles::gitOrder);
      CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, folder.stored);
      for (; !parser.eof(); parser.next()) {
        FileMode mode = parser.getEntryFileMode();
        ObjectId id = parser.getEntryObjectId();
        String name = parser.getEntryPathString();
        if (mode == FileMode.TREE) folder.entries.put(name + "/", new Folder(id));
        else folder.entries.put(name, new Leaf(mode, id));
      }
    }
    return folder.entries;
  }

  private void collect(Folder folder, String prefix, Map<String, String> files) throws IOException {
    for (var e : entries(folder).entrySet()) {
      if (e.getValue() instanceof Folder sub) collect(sub, prefix + e.getKey(), files);
      else if (isFile((Leaf) e.getValue())) files.put(prefix + e.getKey(), text((Leaf) e.getValue()));
    }
  }

  private String text(Leaf leaf) throws IOException {
    return new String(reader.open(leaf.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE), StandardCharsets.UTF_8);
  }

  private static boolean isFile(Leaf leaf) {
    return leaf.mode() == FileMode.REGULAR_FILE || leaf.mode() == FileMode.EXECUTABLE_FILE;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static RuntimeException link(String path, String link) {
    return StoreFailures.of(StoreFailures.LINK_IN_STORE, "refusing to write " + path + ": " + link
        + " is a symbolic link in the state store");
  }
}

package dev.kratixtemporal.activities.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an image's filesystem (a tar, as {@code podman export} writes it) into a folder so that nothing in the image
 * can write outside it: no entry name may climb out, no entry is written through a link (a link the image holds is
 * made as a link and never followed here), hard links must point at a regular file already unpacked, and devices,
 * fifos and set-id bits are dropped. Ownership is not kept: inside the sandbox every file belongs to its user.
 */
final class RootfsExtractor {
  private RootfsExtractor() {}

  /** Unpacks {@code tar} into {@code root}, which must be an empty folder; a refused entry is an IOException naming it. */
  static void extract(InputStream tar, Path root) throws IOException {
    Deque<Object[]> dirModes = new ArrayDeque<>(); // applied last: a read-only folder would refuse its children
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = relative(e.getName());
        if (name.isEmpty()) continue; // the root itself
        Path target = inside(root, name);
        if (e.isDirectory()) {
          if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            removeIfPresent(target);
            Files.createDirectory(target);
          }
          dirModes.push(new Object[] {target, e.getMode()});
        } else if (e.isSymbolicLink()) {
          removeIfPresent(target);
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Path source = inside(root, relative(e.getLinkName()));
          if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("image entry " + e.getName() + " is a hard link to " + e.getLinkName()
                + ", which is not a regular file of the image");
          }
          removeIfPresent(target);
          Files.createLink(target, source);
        } else if (e.isFile()) {
          removeIfPresent(target);
          try (var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(out);
          }
          Files.setPosixFilePermissions(target, permissions(e.getMode()));
        }
        // Devices, fifos and sockets are not made: /dev is the sandbox's own.
      }
    }
    while (!dirModes.isEmpty()) {
      Object[] d = dirModes.pop();
      Files.setPosixFilePermissions((Path) d[0], permissions((int) d[1] | 0200)); // the cache may delete it later
    }
  }

  /** The entry's path relative to the image root; refused if it climbs out. */
  private static String relative(String name) throws IOException {
    String n = name.replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
    if (n.equals(".")) return "";
    for (String segment : n.split("/")) {
      if (segment.equals("..")) throw new IOException("image entry " + name + " leaves the image's folder");
    }
    return n;
  }

  /**
   * {@code root/name}, after checking that every folder on the way is a real folder inside root (not a link), making
   * the missing ones: nothing is ever written through a link.
   */
  private static Path inside(Path root, String name) throws IOException {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) throw new IOException("image entry " + name + " leaves the image's folder");
    Path dir = root;
    for (Path segment : root.relativize(target.getParent() == null ? root : target.getParent())) {
      if (segment.toString().isEmpty()) continue;
      dir = dir.resolve(segment);
      if (Files.isSymbolicLink(dir)) throw new IOException("image entry " + name + " lies under a link (" + root.relativize(dir) + ")");
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException ignored) {
          // made meanwhile; checked below
        }
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException("image entry " + name + " lies under a file");
    }
    return target;
  }

  /** A later entry replaces an earlier one; a folder is replaced only by a folder. */
  private static void removeIfPresent(Path target) throws IOException {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      LocalPipelineActivities.deleteTree(target);
    } else {
      Files.deleteIfExists(target);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) set.add(bits[i]);
    }
    return set;
  }
}

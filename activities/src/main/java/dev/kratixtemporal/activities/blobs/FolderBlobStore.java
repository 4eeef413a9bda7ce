package dev.kratixtemporal.activities.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The single-node blob store, under the data dir: {@code blobs/sha256/ab/abcdef...} for blobs and
 * {@code blobs/roots/<escaped owner id>} (one sha256 a line) for roots. Every file is written to a temporary file
 * and moved into place atomically, so a crash never leaves half a blob under its address.
 */
public class FolderBlobStore implements BlobStore {
  private final Path blobs;
  private final Path roots;
  private final Path tmp;

  public FolderBlobStore(Path root) {
    try {
      this.blobs = Files.createDirectories(root.resolve("sha256"));
      this.roots = Files.createDirectories(root.resolve("roots"));
      this.tmp = Files.createDirectories(root.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path(String sha256) {
    Sha256.checked(sha256);
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  @Override
  public String put(byte[] content) {
    String sha = Sha256.of(content);
    Path target = path(sha);
    try {
      if (Files.exists(target)) {
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return sha;
      }
      Files.createDirectories(target.getParent());
      atomicWrite(target, content);
      return sha;
    } catch (IOException e) {
      throw new UncheckedIOException("writing blob " + sha, e);
    }
  }

  @Override
  public byte[] get(String sha256) {
    try {
      return Sha256.verified(sha256, Files.readAllBytes(path(sha256)));
    } catch (NoSuchFileException e) {
      throw new BlobMissingException(sha256);
    } catch (IOException e) {
      throw new UncheckedIOException("reading blob " + sha256, e);
    }
  }

  @Override
  public boolean exists(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  @Override
  public List<Blob> list() {
    List<Blob> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(blobs)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        try {
          out.add(new Blob(p.getFileName().toString(), Files.getLastModifiedTime(p).toInstant()));
        } catch (NoSuchFileException gone) {
          // Deleted while listing.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing blobs", e);
    }
    return out;
  }

  @Override
  public void delete(String sha256) {
    try {
      Files.deleteIfExists(path(sha256));
    } catch (IOException e) {
      throw new UncheckedIOException("deleting blob " + sha256, e);
    }
  }

  @Override
  public void retain(String owner, Collection<String> sha256s) {
    sha256s.forEach(Sha256::checked);
    try {
      atomicWrite(roots.resolve(Sha256.escapeOwner(owner)),
          String.join("\n", new TreeSet<>(sha256s)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the roots of " + owner, e);
    }
  }

  @Override
  public void release(String owner) {
    try {
      Files.deleteIfExists(roots.resolve(Sha256.escapeOwner(owner)));
    } catch (IOException e) {
      throw new UncheckedIOException("removing the roots of " + owner, e);
    }
  }

  @Override
  public Set<String> roots() {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.list(roots)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          Files.readAllLines(p).stream().filter(l -> !l.isBlank()).forEach(out::add);
        } catch (NoSuchFileException gone) {
          // Released while listing.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading blob roots", e);
    }
    return out;
  }

  private void atomicWrite(Path target, byte[] content) throws IOException {
    Path temp = Files.createTempFile(tmp, "blob", ".tmp");
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}

package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images' root filesystems, each unpacked once from podman's local storage into {@code <cache>/<image id>/rootfs}
 * and kept for the next runs; at most {@code maxImages} are kept, the least recently used going first (never one in
 * use). Concurrent first uses of one image unpack it once.
 */
final class SandboxImageCache {
  private static final Logger log = LoggerFactory.getLogger(SandboxImageCache.class);
  private static final long PODMAN_TIMEOUT_SECONDS = 600; // a pull may be slow
  /** On the short-lived containers an image is exported from; its value is the cache folder. */
  static final String CACHE_LABEL = "dev.kratixtemporal.sandbox-cache";

  /** An image ready to run; {@link #close()} releases it for eviction. */
  final class Image implements AutoCloseable {
    final ImageConfig config;
    final Path rootfs;
    private boolean closed;

    private Image(ImageConfig config, Path rootfs) {
      this.config = config;
      this.rootfs = rootfs;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        release(config.id());
      }
    }
  }

  private final SandboxSettings settings;
  private final Map<String, Object> unpacking = new ConcurrentHashMap<>();
  private final Map<String, Integer> inUse = new HashMap<>();
  private final Map<String, Inspected> inspected = new ConcurrentHashMap<>();
  /** podman's images.json, found once through podman info; empty when podman does not say. */
  private volatile Optional<Path> imageIndex;

  SandboxImageCache(SandboxSettings settings) throws IOException {
    this.settings = settings;
    Files.createDirectories(settings.imageCache());
    // Half-unpacked or half-deleted folders of an earlier process.
    try (Stream<Path> entries = Files.list(settings.imageCache())) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(".")).toList()) LocalPipelineActivities.deleteTree(p);
    }
  }

  /**
   * The container's image, pulled first when its imagePullPolicy asks for it (Always; IfNotPresent when missing),
   * otherwise never: an image podman does not have is an InvalidDocumentException naming it.
   */
  Image acquire(Container c, String pullPolicy) throws IOException {
    if ("Always".equals(pullPolicy) || ("IfNotPresent".equals(pullPolicy) && inspect(c.image()) == null)) {
      Podman pulled = podman(List.of("pull", "--quiet", "--", c.image()), null);
      if (pulled.exit != 0) throw new InvalidDocumentException(couldNotStart(c, LogText.lastLine(pulled.output)));
    }
    JsonNode inspected = inspectKnown(c.image());
    if (inspected == null) {
      throw new InvalidDocumentException(couldNotStart(c, "Error: " + c.image() + ": image not known"));
    }
    ImageConfig config = ImageConfig.of(inspected);
    Path folder = settings.imageCache().resolve(config.id());
    synchronized (this) {
      inUse.merge(config.id(), 1, Integer::sum);
    }
    try {
      synchronized (unpacking.computeIfAbsent(config.id(), id -> new Object())) {
        if (!Files.isDirectory(folder.resolve("rootfs"))) unpack(config.id(), folder);
      }
      Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis()));
      evict();
      return new Image(config, folder.resolve("rootfs"));
    } catch (IOException | RuntimeException e) {
      release(config.id());
      throw e;
    }
  }

  static String couldNotStart(Container c, String why) {
    return "container " + c.name() + " (" + c.image() + ") could not start: " + why;
  }

  private synchronized void release(String id) {
    inUse.computeIfPresent(id, (k, n) -> n <= 1 ? null : n - 1);
  }

  /**
   * The image's inspect record, remembered while podman's image index is unchanged: a podman process per run cost
   * ten times the sandboxed run itself (README, Benchmark). A tag moved, an image pulled or removed rewrites the
   * index, so the next run asks podman again; without a known index, every run asks.
   */
  private JsonNode inspectKnown(String image) throws IOException {
    Object stamp = indexStamp();
    if (stamp != null) {
      Inspected known = inspected.get(image);
      if (known != null && known.indexStamp().equals(stamp)) return known.record();
    }
    JsonNode record = inspect(image);
    if (stamp != null && record != null) inspected.put(image, new Inspected(stamp, record));
    return record;
  }

  private record Inspected(Object indexStamp, JsonNode record) {}

  /** The modification time and size of podman's image index, or null when it cannot be found. */
  private Object indexStamp() throws IOException {
    if (imageIndex == null) {
      Podman info = podman(List.of("info", "--format=json"), null);
      JsonNode store = info.exit == 0 ? KratixYaml.JSON.readTree(info.output).path("store") : null;
      imageIndex = store == null || !store.path("graphRoot").isTextual() ? Optional.empty()
          : Optional.of(Path.of(store.path("graphRoot").asText(), store.path("graphDriverName").asText() + "-images", "images.json"));
    }
    if (imageIndex.isEmpty()) return null;
    try {
      var attributes = Files.readAttributes(imageIndex.get(), java.nio.file.attribute.BasicFileAttributes.class);
      return List.of(attributes.lastModifiedTime(), attributes.size());
    } catch (IOException e) {
      return null;
    }
  }

  /** The image's inspect record, or null when podman does not have it. */
  private JsonNode inspect(String image) throws IOException {
    Podman r = podman(List.of("image", "inspect", "--format=json", "--", image), null);
    if (r.exit != 0) {
      if (r.output.contains("image not known") || r.output.contains("invalid reference format")) return null;
      throw new IOException("podman image inspect " + image + " failed: " + LogText.lastLine(r.output));
    }
    JsonNode all = KratixYaml.JSON.readTree(r.output);
    return all.isArray() && !all.isEmpty() ? all.get(0) : null;
  }

  /** podman create, then podman export of that container read through {@link RootfsExtractor}; renamed in at the end. */
  private void unpack(String id, Path folder) throws IOException {
    Path temp = settings.imageCache().resolve("." + id + "-" + UUID.randomUUID());
    String container = "kratix-unpack-" + id.substring(0, 12) + "-" + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    try {
      Files.createDirectories(temp.resolve("rootfs"));
      // Labelled with the cache it is for: an operator (or a test) can tell whose unpacking it is.
      Podman created = podman(List.of("create", "--pull=never", "--name=" + container, "--entrypoint=[\"/.kratix-none\"]",
          "--label=" + CACHE_LABEL + "=" + settings.imageCache(), "--", id), null);
      if (created.exit != 0) throw new IOException("podman create of image " + id + " failed: " + LogText.lastLine(created.output));
      Podman exported = podman(List.of("export", "--", container), temp.resolve("rootfs"));
      if (exported.exit != 0) throw new IOException("podman export of image " + id + " failed: " + LogText.lastLine(exported.output));
      LocalPipelineActivities.deleteTree(folder); // a folder without its rootfs: an earlier, interrupted unpack
      Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
      log.info("image {} unpacked for the sandbox in {} ms", id.substring(0, 12), (System.nanoTime() - start) / 1_000_000);
    } finally {
      podman(List.of("rm", "--force", "--ignore", "--", container), null);
      LocalPipelineActivities.deleteTree(temp);
    }
  }

  /** Removes the least recently used root filesystems past maxImages, skipping those in use. */
  private void evict() throws IOException {
    List<Path> cached;
    try (Stream<Path> entries = Files.list(settings.imageCache())) {
      cached = new ArrayList<>(entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList());
    }
    if (cached.size() <= settings.maxImages()) return;
    cached.sort(Comparator.comparing(SandboxImageCache::lastUsed));
    int excess = cached.size() - settings.maxImages();
    for (Path p : cached) {
      if (excess <= 0) break;
      String id = p.getFileName().toString();
      Path trash;
      synchronized (this) {
        if (inUse.containsKey(id)) continue;
        trash = settings.imageCache().resolve(".evicted-" + id + "-" + UUID.randomUUID());
        synchronized (unpacking.computeIfAbsent(id, k -> new Object())) {
          Files.move(p, trash, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      LocalPipelineActivities.deleteTree(trash);
      excess--;
    }
  }

  private static FileTime lastUsed(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private record Podman(int exit, String output) {}

  /**
   * Runs podman; its standard output goes to {@code extractInto} through the extractor when given, else is returned
   * with its errors.
   */
  private Podman podman(List<String> args, Path extractInto) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.podman());
    cmd.addAll(settings.podmanGlobalArgs());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path errors = Files.createTempFile(settings.workDir(), "podman", ".err");
    pb.redirectError(errors.toFile());
    Process p = pb.start();
    try {
      String out = "";
      try (InputStream in = p.getInputStream()) {
        if (extractInto != null) {
          try {
            RootfsExtractor.extract(in, extractInto);
          } catch (IOException e) {
            p.destroyForcibly();
            throw e;
          }
        } else {
          out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      if (!p.waitFor(PODMAN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", args.subList(0, 1)) + ": podman did not finish in " + PODMAN_TIMEOUT_SECONDS + "s");
      }
      return new Podman(p.exitValue(), out + Files.readString(errors));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running podman " + args.get(0), e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}

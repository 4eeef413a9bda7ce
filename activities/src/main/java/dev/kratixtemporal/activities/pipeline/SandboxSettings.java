package dev.kratixtemporal.activities.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * How the bubblewrap sandbox runs pipeline containers.
 *
 * @param bwrap the bubblewrap binary
 * @param podman the podman CLI, which keeps the images (pull, inspect, export)
 * @param podmanGlobalArgs arguments before podman's subcommand (e.g. --root/--runroot)
 * @param workDir where each run's /kratix folders are made
 * @param imageCache where the images' root filesystems are cached, one folder per image id
 * @param maxImages how many root filesystems the cache keeps; the least recently used go first
 * @param network true: containers share the host's network; false (default): only a loopback of their own
 * @param cgroupRoot where the cgroup file systems are mounted (/sys/fs/cgroup); null: no cgroup limits
 * @param outputLimits what a pipeline may hand back
 * @param containerLimits what each container may use, and for how long
 */
public record SandboxSettings(String bwrap, String podman, List<String> podmanGlobalArgs, Path workDir, Path imageCache,
    int maxImages, boolean network, Path cgroupRoot, OutputLimits outputLimits, ContainerLimits containerLimits) {
  public static final int DEFAULT_MAX_IMAGES = 20;
  public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  /** The podman runtime's ulimits (PodmanSettings.DEFAULT_RUN_ARGS), the same here. */
  static final int NOFILE = 1024;
  static final int NPROC = 1024;

  public SandboxSettings {
    if (bwrap == null || bwrap.isBlank()) bwrap = "bwrap";
    if (podman == null || podman.isBlank()) podman = "podman";
    podmanGlobalArgs = podmanGlobalArgs == null ? List.of() : List.copyOf(podmanGlobalArgs);
    if (maxImages <= 0) maxImages = DEFAULT_MAX_IMAGES;
    if (outputLimits == null) outputLimits = OutputLimits.defaults();
    if (containerLimits == null) containerLimits = ContainerLimits.defaults();
  }

  /** The defaults for everything but the folders. */
  public SandboxSettings(Path workDir, Path imageCache) {
    this(null, null, null, workDir, imageCache, 0, false, DEFAULT_CGROUP_ROOT, null, null);
  }
}

package dev.kratixtemporal.activities.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * How pipeline containers are started.
 *
 * @param command the podman (or docker-compatible) CLI
 * @param globalArgs arguments before "run" (e.g. --root/--runroot)
 * @param runArgs extra "run" arguments; the default gives no network, runc and the ulimits this machine allows
 * @param workDir where each run's /kratix folders are made
 * @param outputLimits what a pipeline may hand back
 * @param containerLimits what each container may use, and for how long
 */
public record PodmanSettings(String command, List<String> globalArgs, List<String> runArgs, Path workDir,
    OutputLimits outputLimits, ContainerLimits containerLimits) {

  public static final List<String> DEFAULT_RUN_ARGS = List.of("--pull=never", "--runtime=runc", "--network=none",
      "--ulimit=nofile=1024:1024", "--ulimit=nproc=1024:1024");
  public PodmanSettings {
    if (outputLimits == null) outputLimits = OutputLimits.defaults();
    if (containerLimits == null) containerLimits = ContainerLimits.defaults();
  }

  /** The defaults for everything but the CLI and the folder. */
  public PodmanSettings(String command, List<String> globalArgs, List<String> runArgs, Path workDir) {
    this(command, globalArgs, runArgs, workDir, null, null);
  }
}

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
 * @param outputLimitBytes the most a pipeline's /kratix/output may hold (Kratix has a similar Work size limit)
 */
public record PodmanSettings(String command, List<String> globalArgs, List<String> runArgs, Path workDir,
    long outputLimitBytes) {

  public static final List<String> DEFAULT_RUN_ARGS = List.of("--pull=never", "--runtime", "runc", "--network=none",
      "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024");
  public static final long DEFAULT_OUTPUT_LIMIT = 1_500_000;
}

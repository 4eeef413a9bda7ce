package dev.kratixtemporal.activities.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cgroup of one sandboxed container: its memory (no swap on top), CPU and process limits, as podman sets them,
 * under {@code kratix-sandbox/<name>} of each controller (cgroup v1) or of the unified hierarchy (v2). Where the
 * machine gives no writable cgroups the container runs without them (logged once; docs/security.md).
 */
final class SandboxCgroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxCgroup.class);
  private static final String PARENT = "kratix-sandbox";
  private static final long CPU_PERIOD_US = 100_000;
  private static volatile boolean warned;

  /** The cgroup.procs files the container's first process joins; empty without cgroups. */
  final List<Path> procs;
  private final List<Path> dirs;

  private SandboxCgroup(List<Path> dirs) {
    this.dirs = dirs;
    this.procs = dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
  }

  /** Makes the cgroup with these limits; without usable cgroups, one that limits nothing. */
  static SandboxCgroup create(Path cgroupRoot, String name, ContainerLimits limits) {
    if (cgroupRoot == null) return new SandboxCgroup(List.of());
    List<Path> made = new ArrayList<>();
    try {
      long cpuQuota = Math.max(1000, Math.round(limits.cpus() * CPU_PERIOD_US));
      if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) { // v2
        Path parent = cgroupRoot.resolve(PARENT);
        Files.createDirectories(parent);
        write(cgroupRoot.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
        write(parent.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
        Path dir = mkdir(parent.resolve(name), made);
        write(dir.resolve("memory.max"), String.valueOf(limits.memoryBytes()));
        write(dir.resolve("memory.swap.max"), "0");
        write(dir.resolve("cpu.max"), cpuQuota + " " + CPU_PERIOD_US);
        write(dir.resolve("pids.max"), String.valueOf(limits.pids()));
      } else { // v1: one folder per controller
        Path memory = mkdir(cgroupRoot.resolve("memory").resolve(PARENT).resolve(name), made);
        write(memory.resolve("memory.limit_in_bytes"), String.valueOf(limits.memoryBytes()));
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
          write(memory.resolve("memory.memsw.limit_in_bytes"), String.valueOf(limits.memoryBytes()));
        }
        Path cpu = mkdir(cgroupRoot.resolve("cpu").resolve(PARENT).resolve(name), made);
        write(cpu.resolve("cpu.cfs_period_us"), String.valueOf(CPU_PERIOD_US));
        write(cpu.resolve("cpu.cfs_quota_us"), String.valueOf(cpuQuota));
        Path pids = mkdir(cgroupRoot.resolve("pids").resolve(PARENT).resolve(name), made);
        write(pids.resolve("pids.max"), String.valueOf(limits.pids()));
      }
      return new SandboxCgroup(made);
    } catch (IOException | RuntimeException e) {
      new SandboxCgroup(made).close();
      if (!warned) {
        warned = true;
        log.warn("no cgroup limits for sandboxed pipelines (memory, CPU, processes): {} ({})", cgroupRoot, e.toString());
      }
      return new SandboxCgroup(List.of());
    }
  }

  private static Path mkdir(Path dir, List<Path> made) throws IOException {
    Files.createDirectories(dir);
    made.add(dir);
    return dir;
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  /** Kills whatever is still in the cgroup (a process that left the sandbox's tree) and removes it. */
  @Override
  public void close() {
    for (Path dir : dirs) {
      for (int attempt = 0; attempt < 50 && Files.isDirectory(dir); attempt++) {
        try {
          for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
            if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
          }
          Files.delete(dir); // rmdir: fails while a process is still in it
        } catch (IOException | RuntimeException e) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      if (Files.isDirectory(dir)) log.warn("could not remove cgroup {}", dir);
    }
  }

}

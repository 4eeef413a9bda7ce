package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs each pipeline container under bubblewrap ({@link SandboxCommand}) in its image's cached root filesystem
 * ({@link SandboxImageCache}), with the cgroup limits the machine allows ({@link SandboxCgroup}): the podman
 * runtime's contract at a fraction of its start-up cost (README, Pipeline runtimes; docs/security.md).
 */
public class SandboxPipelineActivities extends LocalPipelineActivities {
  private static final Pattern EXIT_CODE = Pattern.compile("\"exit-code\"\\s*:\\s*(\\d+)");

  private final SandboxSettings settings;
  private final SandboxImageCache images;

  /** @param blobs where the outputs go; the result carries references to them */
  public SandboxPipelineActivities(SandboxSettings settings, BlobStore blobs) throws IOException {
    super(settings.workDir(), settings.outputLimits(), settings.containerLimits(), blobs);
    this.settings = settings;
    this.images = new SandboxImageCache(settings);
  }

  @Override
  protected Launch launch(PipelineRun run, int index, String name, PipelineFiles files, ContainerLimits limits)
      throws IOException {
    Container c = run.pipeline().containers().get(index);
    ContainerChecks.image(c); // before podman sees it
    SandboxImageCache.Image image = images.acquire(c, pullPolicy(run, index));
    Path status = settings.workDir().resolve(name + ".status");
    SandboxCgroup cgroup = null;
    try {
      Files.deleteIfExists(status);
      cgroup = SandboxCgroup.create(settings.cgroupRoot(), name, limits);
      List<String> cmd = SandboxCommand.of(settings, run, index, name, files, image.config, image.rootfs, status, cgroup.procs);
      SandboxCgroup group = cgroup;
      return new Launch() {
        @Override
        public List<String> command() {
          return cmd;
        }

        @Override
        public void stop(Process p) {
          WatchedProcess.killTree(p);
          group.close(); // whatever escaped the tree
        }

        /** bwrap reports the program's exit on the status fd; without it, the sandbox itself did not start. */
        @Override
        public String runtimeFault(WatchedProcess.Outcome outcome) {
          return exitCode(status) == null ? "the sandbox did not start: " + LogText.lastLine(outcome.output()) : null;
        }

        @Override
        public void close() {
          group.close();
          image.close();
          try {
            Files.deleteIfExists(status);
          } catch (IOException ignored) {
            // in the work dir, removed with the next run of this name
          }
        }
      };
    } catch (IOException | RuntimeException e) {
      if (cgroup != null) cgroup.close();
      image.close();
      throw e;
    }
  }

  /** The program's exit code as bwrap wrote it to its status file, or null. */
  static Integer exitCode(Path status) {
    try {
      Matcher m = EXIT_CODE.matcher(Files.readString(status));
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The container's imagePullPolicy as the Promise gives it (not part of the parsed model); null when unset. */
  private static String pullPolicy(PipelineRun run, int index) {
    if (run.pipeline().raw() == null) return null;
    var node = run.pipeline().raw().path("spec").path("containers").path(index).path("imagePullPolicy");
    return node.isTextual() ? node.asText() : null;
  }
}

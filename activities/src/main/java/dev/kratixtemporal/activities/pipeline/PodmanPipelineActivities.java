package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activity.PipelineRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs each pipeline container through the podman CLI ({@link PodmanRunCommand}). */
public class PodmanPipelineActivities extends LocalPipelineActivities {
  private static final Logger log = LoggerFactory.getLogger(PodmanPipelineActivities.class);
  /** podman's own failures (not the container's) exit with this code. */
  private static final int PODMAN_ERROR = 125;

  private final PodmanSettings settings;

  /** @param blobs where the outputs go; the result carries references to them */
  public PodmanPipelineActivities(PodmanSettings settings, BlobStore blobs) {
    super(settings.workDir(), settings.outputLimits(), settings.containerLimits(), blobs);
    this.settings = settings;
  }

  @Override
  protected Launch launch(PipelineRun run, int index, String name, PipelineFiles files, ContainerLimits limits) {
    List<String> cmd = PodmanRunCommand.of(settings, run, index, name, files, limits);
    removeContainer(name); // an orphan of an earlier attempt of this activity
    return new Launch() {
      @Override
      public List<String> command() {
        return cmd;
      }

      /** Kills and removes the container at once (a shell as PID 1 ignores SIGTERM), then ends the podman client. */
      @Override
      public void stop(Process p) {
        removeContainer(name);
        p.destroy();
        try {
          if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p.destroyForcibly();
        }
      }

      @Override
      public String runtimeFault(WatchedProcess.Outcome r) {
        return r.exitCode() == PODMAN_ERROR && !imageProblem(r.output()) ? LogText.lastLine(r.output()) : null;
      }

      @Override
      public void close() {}
    };
  }

  /** podman's refusals of the image itself: the Promise's error, which a retry would not mend. */
  private static boolean imageProblem(String output) {
    return output.contains("image not known") || output.contains("invalid reference format")
        || output.contains("repository name must be lowercase");
  }

  private void removeContainer(String name) {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.command());
    cmd.addAll(settings.globalArgs());
    cmd.addAll(List.of("rm", "--force", "--ignore", "--time=0", "--", name));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) log.warn("podman rm {} did not finish in 30s", name);
    } catch (IOException e) {
      log.debug("podman rm {} failed: {}", name, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Pipeline;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's containers one after another on this worker's machine, sharing the Kratix folders; the runtimes
 * (podman, the bubblewrap sandbox) differ only in how one container is started and stopped. A container's non-zero
 * exit is a result; a runtime that cannot start is an exception, retried by Temporal.
 */
public abstract class LocalPipelineActivities implements PipelineActivities {
  private static final Logger log = LoggerFactory.getLogger(LocalPipelineActivities.class);

  private final Path workDir;
  private final OutputLimits outputLimits;
  private final ContainerLimits containerLimits;
  private final BlobStore blobs;

  /** @param blobs where the outputs go; the result carries references to them */
  protected LocalPipelineActivities(Path workDir, OutputLimits outputLimits, ContainerLimits containerLimits,
      BlobStore blobs) {
    this.workDir = workDir;
    this.outputLimits = outputLimits;
    this.containerLimits = containerLimits;
    this.blobs = blobs;
  }

  /** How one container of a run is started and stopped. */
  protected interface Launch extends AutoCloseable {
    List<String> command();

    /** Ends the container and its process at once (on timeout, runaway or cancellation). */
    void stop(Process p);

    /** Why this ending is the runtime's fault rather than the container's (a retry may mend it), or null. */
    String runtimeFault(WatchedProcess.Outcome outcome);

    /** Releases what the launch made; called once the container has ended, however it ended. */
    @Override
    void close();
  }

  /**
   * Prepares container {@code index}; an InvalidDocumentException (a value the runtime refuses, an image that is not
   * there) becomes the pipeline's failed result, naming the container.
   */
  protected abstract Launch launch(PipelineRun run, int index, String name, PipelineFiles files, ContainerLimits limits)
      throws IOException;

  @Override
  public PipelineResult runPipeline(PipelineRun run) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    // Deterministic per activity, so a retry after a crash finds and removes the orphan first.
    String runId = "kratix-" + Hashing.md5(ctx.getInfo().getWorkflowId() + "/" + ctx.getInfo().getActivityId()).substring(0, 12);
    Path root = workDir.resolve(runId);
    try {
      deleteTree(root);
      PipelineFiles files = new PipelineFiles(root);
      files.writeObject(run.object());
      StringBuilder logs = new StringBuilder();
      List<Container> containers = run.pipeline().containers();
      for (int i = 0; i < containers.size(); i++) {
        Container c = containers.get(i);
        String name = runId + "-" + i;
        ContainerLimits limits = containerLimits.lowerTo(resources(run.pipeline(), i));
        Launch launch;
        try {
          launch = launch(run, i, name, files, limits);
        } catch (InvalidDocumentException e) {
          return PipelineResult.failed(e.getMessage(), LogText.truncate(logs));
        }
        WatchedProcess.Outcome r;
        try (launch) {
          r = WatchedProcess.run(ctx, name, launch.command(), limits.timeout(), files, workDir, outputLimits, launch::stop);
          logs.append("[").append(c.name()).append("]\n").append(r.output());
          if (r.timedOut()) {
            return PipelineResult.timedOut("container " + c.name() + " (" + c.image() + ") " + r.stoppedBecause()
                + " and was stopped", LogText.truncate(logs));
          }
          if (r.stoppedBecause() != null) {
            return PipelineResult.failed("container " + c.name() + " (" + c.image() + ") " + r.stoppedBecause()
                + " and was stopped", LogText.truncate(logs));
          }
          String fault = launch.runtimeFault(r);
          if (fault != null) throw new IllegalStateException("container runtime failed for " + c.name() + ": " + fault);
        }
        if (r.exitCode() != 0) {
          return PipelineResult.failed("container " + c.name() + " (" + c.image() + ") exited with code " + r.exitCode()
              + (r.exitCode() == 137 ? " (killed: out of memory or stopped)" : "") + ": " + LogText.lastLine(r.output()),
              LogText.truncate(logs));
        }
      }
      return files.result(outputLimits, LogText.truncate(logs), blobs, run.picksHealthDefinitions());
    } catch (IOException e) {
      throw new IllegalStateException("pipeline " + run.pipeline().name() + ": " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(root);
      } catch (IOException e) {
        log.warn("could not remove {}: {}", root, e.getMessage());
      }
    }
  }

  /** The container's Kubernetes resources as the Promise gives them (not part of the parsed model). */
  static JsonNode resources(Pipeline pipeline, int index) {
    if (pipeline.raw() == null) return null;
    return pipeline.raw().path("spec").path("containers").path(index).path("resources");
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}

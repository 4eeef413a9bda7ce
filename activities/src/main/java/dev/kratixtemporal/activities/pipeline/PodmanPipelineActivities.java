package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.BlobStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Pipeline;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's containers one after another through the podman CLI, sharing the Kratix folders.
 * A container's non-zero exit is a result; a runtime that cannot start is an exception, retried by Temporal.
 */
public class PodmanPipelineActivities implements PipelineActivities {
  private static final Logger log = LoggerFactory.getLogger(PodmanPipelineActivities.class);
  private static final int LOG_LIMIT = 16_384;
  private static final int MESSAGE_LINE_LIMIT = 1_000;
  /** podman's own failures (not the container's) exit with these codes. */
  private static final int PODMAN_ERROR = 125;
  private static final Duration POLL = Duration.ofMillis(500);
  /** The disk guard walks folders: every 2 s is enough to stop a runaway early. */
  private static final int GUARD_EVERY_POLLS = 4;

  private final PodmanSettings settings;
  private final BlobStore blobs;

  /** @param blobs where the outputs go; the result carries references to them */
  public PodmanPipelineActivities(PodmanSettings settings, BlobStore blobs) {
    this.settings = settings;
    this.blobs = blobs;
  }

  @Override
  public PipelineResult runPipeline(PipelineRun run) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    // Deterministic per activity, so a retry after a crash finds and removes the orphan first.
    String runId = "kratix-" + Hashing.md5(ctx.getInfo().getWorkflowId() + "/" + ctx.getInfo().getActivityId()).substring(0, 12);
    Path root = settings.workDir().resolve(runId);
    try {
      deleteTree(root);
      PipelineFiles files = new PipelineFiles(root);
      files.writeObject(run.object());
      StringBuilder logs = new StringBuilder();
      List<Container> containers = run.pipeline().containers();
      for (int i = 0; i < containers.size(); i++) {
        Container c = containers.get(i);
        String name = runId + "-" + i;
        ContainerLimits limits = settings.containerLimits().lowerTo(resources(run.pipeline(), i));
        List<String> cmd;
        try {
          cmd = PodmanRunCommand.of(settings, run, i, name, files, limits);
        } catch (InvalidDocumentException e) {
          return PipelineResult.failed(e.getMessage(), truncate(logs));
        }
        removeContainer(name);
        Result r = runContainer(ctx, name, cmd, limits.timeout(), files);
        logs.append("[").append(c.name()).append("]\n").append(r.output);
        if (r.stoppedBecause != null) {
          return PipelineResult.failed("container " + c.name() + " (" + c.image() + ") " + r.stoppedBecause
              + " and was stopped", truncate(logs));
        }
        if (r.exitCode == PODMAN_ERROR && !imageProblem(r.output)) {
          throw new IllegalStateException("container runtime failed for " + c.name() + ": " + lastLine(r.output));
        }
        if (r.exitCode != 0) {
          return PipelineResult.failed("container " + c.name() + " (" + c.image() + ") exited with code " + r.exitCode
              + (r.exitCode == 137 ? " (killed: out of memory or stopped)" : "") + ": " + lastLine(r.output), truncate(logs));
        }
      }
      return files.result(settings.outputLimits(), truncate(logs), blobs);
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

  /** podman's refusals of the image itself: the Promise's error, which a retry would not mend. */
  private static boolean imageProblem(String output) {
    return output.contains("image not known") || output.contains("invalid reference format")
        || output.contains("repository name must be lowercase");
  }

  /** The container's Kubernetes resources as the Promise gives them (not part of the parsed model). */
  private static JsonNode resources(Pipeline pipeline, int index) {
    if (pipeline.raw() == null) return null;
    return pipeline.raw().path("spec").path("containers").path(index).path("resources");
  }

  /** @param stoppedBecause why the container was stopped before it ended, or null */
  private record Result(int exitCode, String output, String stoppedBecause) {}

  private Result runContainer(ActivityExecutionContext ctx, String name, List<String> cmd, Duration timeout,
      PipelineFiles files) throws IOException {
    Path out = Files.createTempFile(settings.workDir(), name, ".log");
    RunawayGuard guard = new RunawayGuard(files, out, settings.outputLimits());
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      for (int polls = 1; !p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS); polls++) {
        ctx.heartbeat(name); // throws once the activity is cancelled
        String stopBecause = System.nanoTime() - deadline > 0 ? "exceeded its timeout of " + timeout.toSeconds() + "s"
            : polls % GUARD_EVERY_POLLS == 0 ? guard.check() : null;
        if (stopBecause != null) {
          stop(p, name);
          return new Result(-1, logTail(out), stopBecause);
        }
      }
      return new Result(p.exitValue(), logTail(out), null);
    } catch (ActivityCompletionException e) {
      // Cancelled or timed out: leave no container behind.
      stop(p, name);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(p, name);
      throw new IllegalStateException("interrupted while running " + name, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Kills and removes the container at once (a shell as PID 1 ignores SIGTERM), then ends the podman client. */
  private void stop(Process p, String name) {
    removeContainer(name);
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
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

  /** The end of what the container printed: only the tail is read, however much it wrote. */
  private static String logTail(Path file) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      long from = Math.max(0, size - 4L * LOG_LIMIT);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read to the end
      }
      buf.flip();
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(buf).toString();
      return from == 0 ? text : "...\n" + text.substring(Math.max(0, text.length() - LOG_LIMIT));
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1];
    return last.length() <= MESSAGE_LINE_LIMIT ? last : "..." + last.substring(last.length() - MESSAGE_LINE_LIMIT);
  }

  private static String truncate(StringBuilder logs) {
    return logs.length() <= LOG_LIMIT ? logs.toString() : "...\n" + logs.substring(logs.length() - LOG_LIMIT);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}

package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
  /** podman's own failures (not the container's) exit with these codes. */
  private static final int PODMAN_ERROR = 125;

  private final PodmanSettings settings;

  public PodmanPipelineActivities(PodmanSettings settings) {
    this.settings = settings;
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
        removeContainer(name);
        Result r = runContainer(ctx, name, command(run, c, name, files));
        logs.append("[").append(c.name()).append("]\n").append(r.output);
        if (r.exitCode == PODMAN_ERROR && !r.output.contains("image not known")) {
          throw new IllegalStateException("container runtime failed for " + c.name() + ": " + r.output.strip());
        }
        if (r.exitCode != 0) {
          return PipelineResult.failed("container " + c.name() + " (" + c.image() + ") exited with code " + r.exitCode
              + ": " + lastLine(r.output), truncate(logs));
        }
      }
      try {
        return new PipelineResult(true, null, files.outputs(settings.outputLimitBytes()), files.destinationSelectors(),
            files.status(), files.workflowControl(), truncate(logs));
      } catch (InvalidDocumentException e) {
        return PipelineResult.failed(e.getMessage(), truncate(logs));
      }
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

  List<String> command(PipelineRun run, Container c, String name, PipelineFiles files) {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.command());
    cmd.addAll(settings.globalArgs());
    cmd.addAll(List.of("run", "--rm", "--name", name));
    cmd.addAll(settings.runArgs());
    cmd.addAll(List.of("-v", files.input + ":/kratix/input:ro", "-v", files.output + ":/kratix/output",
        "-v", files.metadata + ":/kratix/metadata"));
    for (Map.Entry<String, String> e : KratixEnvironment.of(run, c).entrySet()) {
      cmd.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
    }
    List<String> args = new ArrayList<>(c.args());
    if (!c.command().isEmpty()) {
      // Kubernetes "command" replaces the entrypoint; its extra words come before "args".
      cmd.addAll(List.of("--entrypoint", c.command().get(0)));
      args.addAll(0, c.command().subList(1, c.command().size()));
    }
    cmd.add(c.image());
    cmd.addAll(args);
    return cmd;
  }

  private record Result(int exitCode, String output) {}

  private Result runContainer(ActivityExecutionContext ctx, String name, List<String> cmd) throws IOException {
    Path out = Files.createTempFile(settings.workDir(), name, ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      while (!p.waitFor(2, TimeUnit.SECONDS)) {
        ctx.heartbeat(name);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (ActivityCompletionException e) {
      // Cancelled or timed out: leave no container behind.
      p.destroy();
      removeContainer(name);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      removeContainer(name);
      throw new IllegalStateException("interrupted while running " + name, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private void removeContainer(String name) {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.command());
    cmd.addAll(settings.globalArgs());
    cmd.addAll(List.of("rm", "-f", "--ignore", name));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.debug("podman rm {} failed: {}", name, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
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

package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The podman command line of one pipeline container. A document's values reach it only where they cannot be read as
 * an option: every option takes its value after "=", options end with "--" before the image, and the entrypoint is
 * given as one JSON array. Values podman or the OS cannot take literally are refused before anything runs.
 */
final class PodmanRunCommand {
  private PodmanRunCommand() {}

  /**
   * The command for container {@code index} of the run; an InvalidDocumentException names the container and the value
   * it refuses.
   */
  static List<String> of(PodmanSettings settings, PipelineRun run, int index, String name, PipelineFiles files,
      ContainerLimits limits) {
    Container c = run.pipeline().containers().get(index);
    ContainerChecks.image(c);
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.command());
    cmd.addAll(settings.globalArgs());
    cmd.addAll(List.of("run", "--rm", "--name=" + name));
    cmd.addAll(settings.runArgs());
    cmd.add("--pids-limit=" + limits.pids());
    cmd.add("--memory=" + limits.memoryBytes());
    cmd.add("--memory-swap=" + limits.memoryBytes()); // no swap on top: the limit is the limit
    cmd.add("--cpus=" + String.format(Locale.ROOT, "%.3f", limits.cpus()));
    cmd.addAll(List.of("--volume=" + files.input + ":/kratix/input:ro", "--volume=" + files.output + ":/kratix/output",
        "--volume=" + files.metadata + ":/kratix/metadata"));
    for (Map.Entry<String, String> e : KratixEnvironment.of(run, c).entrySet()) {
      ContainerChecks.envName(c, e.getKey());
      ContainerChecks.noNul(c, "env " + e.getKey(), e.getValue());
      cmd.add("--env=" + e.getKey() + "=" + e.getValue());
    }
    if (!c.command().isEmpty()) {
      // Kubernetes "command" replaces the entrypoint (and the image's CMD), "args" follow the image.
      for (String word : c.command()) ContainerChecks.noNul(c, "command", word);
      cmd.add("--entrypoint=" + ContainerChecks.json(c.command()));
    }
    cmd.add("--");
    cmd.add(c.image());
    for (String arg : c.args()) ContainerChecks.noNul(c, "args", arg);
    cmd.addAll(c.args());
    return cmd;
  }
}

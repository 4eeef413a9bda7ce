package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.ImageReference;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
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
    checkImage(c);
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
      checkEnvName(c, e.getKey());
      checkNoNul(c, "env " + e.getKey(), e.getValue());
      cmd.add("--env=" + e.getKey() + "=" + e.getValue());
    }
    if (!c.command().isEmpty()) {
      // Kubernetes "command" replaces the entrypoint (and the image's CMD), "args" follow the image.
      for (String word : c.command()) checkNoNul(c, "command", word);
      cmd.add("--entrypoint=" + json(c.command()));
    }
    cmd.add("--");
    cmd.add(c.image());
    for (String arg : c.args()) checkNoNul(c, "args", arg);
    cmd.addAll(c.args());
    return cmd;
  }

  /** The grammar checked when a Promise is applied, checked again here: a value read as an option must never run. */
  private static void checkImage(Container c) {
    if (!ImageReference.isValid(c.image())) {
      throw new InvalidDocumentException("container " + c.name() + " has image " + quoted(c.image())
          + ", which is not an image reference");
    }
  }

  /** A name holding "=" would set another variable; control characters and NUL cannot pass through podman. */
  private static void checkEnvName(Container c, String envName) {
    boolean bad = envName == null || envName.isEmpty() || envName.contains("=");
    for (int i = 0; !bad && i < envName.length(); i++) bad = Character.isISOControl(envName.charAt(i));
    if (bad) {
      throw new InvalidDocumentException("container " + c.name() + " has env name " + quoted(envName)
          + ", which may not be empty or hold '=' or control characters");
    }
  }

  /** No process argument can hold NUL. */
  private static void checkNoNul(Container c, String what, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw new InvalidDocumentException("container " + c.name() + " has a NUL character in its " + what + ": " + quoted(value));
    }
  }

  static String quoted(String value) {
    if (value == null) return "null";
    String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
    return json(shown);
  }

  private static String json(Object value) {
    try {
      return KratixYaml.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

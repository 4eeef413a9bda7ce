package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line that runs one pipeline container under bubblewrap: the image's root filesystem read-only under a
 * tmpfs root, the Kratix folders, private /proc, /dev and /tmp, new user, pid, ipc, uts and (unless the operator
 * allows network) net namespaces, no capabilities, the image's config with the container's command, args and env on
 * top (as podman and Kubernetes combine them). A document's values only ever follow the option that takes them, and
 * the program and its arguments come after "--".
 */
final class SandboxCommand {
  /** Joins the cgroups ($2.. up to "--"), then runs the rest with the status fd 3 open on $1. */
  static final String LAUNCHER = "s=$1; shift; while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 1; shift; done; shift;"
      + " exec \"$@\" 3>\"$s\"";
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** Top-level entries of the image that the sandbox provides itself. */
  private static final Set<String> PROVIDED = Set.of("proc", "dev", "tmp", "kratix");

  private SandboxCommand() {}

  /** A user as the sandbox runs it, and its home. */
  record User(int uid, int gid, String home) {}

  static List<String> of(SandboxSettings settings, PipelineRun run, int index, String hostname, PipelineFiles files,
      ImageConfig image, Path rootfs, Path statusFile, List<Path> cgroupProcs) throws IOException {
    Container c = run.pipeline().containers().get(index);
    ContainerChecks.image(c);
    List<String> argv = argv(c, image);
    User user = user(c, image.user(), rootfs);
    Map<String, String> env = environment(run, c, image, user);

    List<String> cmd = new ArrayList<>(List.of("sh", "-c", LAUNCHER, "sh", statusFile.toString()));
    cgroupProcs.forEach(p -> cmd.add(p.toString()));
    cmd.add("--");
    cmd.addAll(List.of("prlimit", "--nofile=" + SandboxSettings.NOFILE + ":" + SandboxSettings.NOFILE,
        "--nproc=" + SandboxSettings.NPROC + ":" + SandboxSettings.NPROC, "--"));
    cmd.add(settings.bwrap());
    cmd.addAll(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
    if (!settings.network()) cmd.add("--unshare-net");
    cmd.addAll(List.of("--die-with-parent", "--new-session", "--hostname", hostname,
        "--uid", String.valueOf(user.uid()), "--gid", String.valueOf(user.gid()), "--tmpfs", "/"));
    try (Stream<Path> entries = Files.list(rootfs)) {
      for (Path e : entries.sorted().toList()) {
        String name = e.getFileName().toString();
        if (PROVIDED.contains(name)) continue;
        if (Files.isSymbolicLink(e)) {
          // Made as a link inside the sandbox: a bind would follow it on the host.
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(e).toString(), "/" + name));
        } else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
          cmd.addAll(List.of("--ro-bind", e.toString(), "/" + name));
        }
      }
    }
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        "--ro-bind", files.input.toString(), "/kratix/input", "--bind", files.output.toString(), "/kratix/output",
        "--bind", files.metadata.toString(), "/kratix/metadata",
        "--chdir", image.workingDir().isEmpty() ? "/" : image.workingDir(), "--clearenv"));
    env.forEach((k, v) -> cmd.addAll(List.of("--setenv", k, v)));
    cmd.addAll(List.of("--json-status-fd", "3", "--"));
    cmd.addAll(argv);
    return cmd;
  }

  /** Kubernetes' rule, as podman applies it: command replaces the entrypoint and the image's cmd; args replace cmd. */
  static List<String> argv(Container c, ImageConfig image) {
    for (String word : c.command()) ContainerChecks.noNul(c, "command", word);
    for (String arg : c.args()) ContainerChecks.noNul(c, "args", arg);
    List<String> argv = new ArrayList<>(c.command().isEmpty() ? image.entrypoint() : c.command());
    argv.addAll(c.command().isEmpty() && c.args().isEmpty() ? image.cmd() : c.args());
    if (argv.isEmpty()) {
      throw new InvalidDocumentException(SandboxImageCache.couldNotStart(c,
          "neither the container nor its image gives a command"));
    }
    return argv;
  }

  /** The image's env, then PATH and HOME where it has none, then the KRATIX_* environment and the container's env. */
  static Map<String, String> environment(PipelineRun run, Container c, ImageConfig image, User user) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : image.env()) {
      int eq = kv.indexOf('=');
      if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.putIfAbsent("HOME", user.home());
    for (Map.Entry<String, String> e : KratixEnvironment.of(run, c).entrySet()) {
      ContainerChecks.envName(c, e.getKey());
      ContainerChecks.noNul(c, "env " + e.getKey(), e.getValue());
      env.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
    return env;
  }

  /**
   * The image's USER (name or number, with an optional group) as numbers, by the image's own /etc/passwd and
   * /etc/group, read only where they are regular files of the image (not links, which would lead to the host's).
   */
  static User user(Container c, String spec, Path rootfs) throws IOException {
    if (spec == null || spec.isBlank()) spec = "0";
    String[] parts = spec.split(":", 2);
    List<String[]> passwd = table(rootfs, "passwd");
    String[] entry = passwd.stream().filter(f -> f.length >= 6 && (f[0].equals(parts[0]) || f[2].equals(parts[0])))
        .findFirst().orElse(null);
    int uid;
    if (parts[0].matches("\\d{1,9}")) uid = Integer.parseInt(parts[0]);
    else if (entry != null && entry[2].matches("\\d{1,9}")) uid = Integer.parseInt(entry[2]);
    else throw new InvalidDocumentException(SandboxImageCache.couldNotStart(c, "unable to find user " + parts[0]
        + " in the image's /etc/passwd"));
    int gid = entry != null && entry[3].matches("\\d{1,9}") ? Integer.parseInt(entry[3]) : 0;
    if (parts.length == 2) {
      if (parts[1].matches("\\d{1,9}")) gid = Integer.parseInt(parts[1]);
      else {
        String[] group = table(rootfs, "group").stream().filter(f -> f.length >= 3 && f[0].equals(parts[1])).findFirst()
            .orElseThrow(() -> new InvalidDocumentException(SandboxImageCache.couldNotStart(c, "unable to find group "
                + parts[1] + " in the image's /etc/group")));
        gid = Integer.parseInt(group[2]);
      }
    }
    String home = entry != null && entry[5].startsWith("/") ? entry[5] : uid == 0 ? "/root" : "/";
    return new User(uid, gid, home);
  }

  private static List<String[]> table(Path rootfs, String name) throws IOException {
    Path etc = rootfs.resolve("etc");
    Path file = etc.resolve(name);
    if (!Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    return Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1).stream().map(l -> l.split(":", -1)).toList();
  }
}

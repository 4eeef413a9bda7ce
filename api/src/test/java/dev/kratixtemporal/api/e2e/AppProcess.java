package dev.kratixtemporal.api.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The product as its own process, as a user starts it (`java -jar api-*.jar --spring.profiles.active=dev`), but
 * from this build's classes: the jar does not exist before `mvn package`. It runs in its own process group
 * (setsid), so a test can SIGKILL the whole group (JVM, Temporal dev server, pipeline containers' podman).
 */
final class AppProcess {
  private final Process process;
  private final Path log;

  private AppProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts a main class with Spring arguments; output to log. */
  static AppProcess start(String mainClass, Path log, String... args) {
    List<String> cmd = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", mainClasspath(), mainClass));
    cmd.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new AppProcess(p, log);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** SIGTERM to the JVM: Spring shuts down, and with it the dev server. */
  void terminate() {
    signal("-TERM", Long.toString(pid()));
    await();
  }

  /** SIGKILL to every process of the group: nothing gets to clean up. */
  void killGroup() {
    signal("-KILL", "-" + pid());
    await();
  }

  /** SIGKILL to the JVM alone. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  private void await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("process " + pid() + " did not stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void signal(String signal, String target) {
    try {
      new ProcessBuilder("kill", signal, "--", target).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * This JVM's classpath without the test classes (which hold Spring configurations of their own). Surefire
   * passes it as the Class-Path of a manifest-only jar.
   */
  static String mainClasspath() {
    List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
      Path jar = Path.of(entries.get(0)).toAbsolutePath();
      try (JarFile j = new JarFile(jar.toFile())) {
        String manifestPath = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Class-Path");
        if (manifestPath != null) {
          entries.clear();
          for (String e : manifestPath.trim().split("\\s+")) {
            entries.add(e.startsWith("file:") ? Path.of(URI.create(e)).toString() : jar.getParent().resolve(e).toString());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries.stream().filter(e -> !e.contains("test-classes")).toList());
  }
}

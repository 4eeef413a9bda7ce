package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server started as a child process on a free loopback port, stopped when closed. */
abstract class LocalServer implements AutoCloseable {
  final Path dir;
  final int port;
  private Process process;

  LocalServer(Path dir) {
    this.dir = dir;
    this.port = freePort();
  }

  /** Starts the command (logging to a file in the folder) and waits until the port accepts connections. */
  void start(List<String> command) {
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("server.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException(command.get(0) + " exited: " + log());
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        EndToEndTest.sleep(100);
      }
    }
    throw new IllegalStateException(command.get(0) + " did not open port " + port + ": " + log());
  }

  String log() {
    try {
      return java.nio.file.Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    if (process == null) return;
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bare repository with one commit on main, pushable over HTTP. */
  static Path bareRepository(Path parent, String name) {
    Path seed = parent.resolve(name + "-seed");
    Path bare = parent.resolve(name);
    run(parent, "git", "init", "-q", "-b", "main", seed.toString());
    run(seed, "git", "-c", "user.name=seed", "-c", "user.email=seed@example.com", "commit", "-q", "--allow-empty", "-m", "seed");
    run(parent, "git", "clone", "-q", "--bare", seed.toString(), bare.toString());
    run(bare, "git", "config", "http.receivepack", "true");
    return bare;
  }
}

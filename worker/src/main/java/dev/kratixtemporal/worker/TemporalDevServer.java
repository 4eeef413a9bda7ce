package dev.kratixtemporal.worker;

import dev.kratixtemporal.workflow.SearchAttributes;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}) as a child process: the full server with its
 * SQLite database in the data folder, so workflows survive a restart, and the Web UI. Loopback only.
 *
 * <p>It must not outlive the JVM: {@link #close()} stops it, and a watchdog {@code sh} (a second child that blocks
 * reading a pipe from this JVM) kills it when the JVM dies in any way, SIGKILL included, because the kernel closes
 * the pipe. A server left over anyway (a SIGKILLed process group is fine: the server is in it) is found through
 * its pid file and stopped before the next start, so two servers never share one database.
 */
public final class TemporalDevServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param cli the temporal binary (a path, or a name on PATH)
   * @param dataDir holds temporal.db, temporal.log and temporal.pid
   * @param port gRPC frontend port, 0 = a free one
   * @param uiPort Web UI port, 0 = a free one
   * @param namespace created at start (default always exists)
   * @param uiCodecEndpoint the codec server the Web UI sends payloads to for decoding (the api's /codec), or null
   */
  public record Settings(String cli, Path dataDir, int port, int uiPort, String namespace, String uiCodecEndpoint) {
    public Settings(String cli, Path dataDir, int port, int uiPort, String namespace) {
      this(cli, dataDir, port, uiPort, namespace, null);
    }
  }

  private final Process server;
  private final Process watchdog;
  private final int port;
  private final int uiPort;
  private final Path pidFile;

  private TemporalDevServer(Process server, Process watchdog, int port, int uiPort, Path pidFile) {
    this.server = server;
    this.watchdog = watchdog;
    this.port = port;
    this.uiPort = uiPort;
    this.pidFile = pidFile;
  }

  /** Starts the server and returns once it answers DescribeNamespace. */
  public static TemporalDevServer start(Settings settings) throws IOException {
    Path dataDir = Files.createDirectories(settings.dataDir().toAbsolutePath());
    Path db = dataDir.resolve("temporal.db");
    Path pidFile = dataDir.resolve("temporal.pid");
    stopLeftover(pidFile, db);
    int port = settings.port() == 0 ? freePort() : awaitFree(settings.port());
    int uiPort = settings.uiPort() == 0 ? freePort() : awaitFree(settings.uiPort());
    Path logFile = dataDir.resolve("temporal.log");
    Process server = new ProcessBuilder(command(settings.cli(), port, uiPort, db, settings.namespace(), settings.uiCodecEndpoint()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    Files.writeString(pidFile, Long.toString(server.pid()));
    Process watchdog = new ProcessBuilder("sh", "-c", "read -r _; kill \"$1\" 2>/dev/null", "kratix-temporal-watchdog",
        Long.toString(server.pid()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // If the server stops by itself its pid may be reused: the watchdog must not kill a stranger later.
    server.onExit().thenRun(watchdog::destroyForcibly);
    TemporalDevServer dev = new TemporalDevServer(server, watchdog, port, uiPort, pidFile);
    try {
      dev.awaitReady(settings.namespace(), logFile);
    } catch (IOException | RuntimeException e) {
      dev.close();
      throw e;
    }
    log.info("Temporal dev server on 127.0.0.1:{}, Web UI http://127.0.0.1:{}, database {}, log {}", port, uiPort, db, logFile);
    return dev;
  }

  /** The command line; search attributes are registered by the server itself at start. */
  static List<String> command(String cli, int port, int uiPort, Path db, String namespace, String uiCodecEndpoint) {
    List<String> cmd = new ArrayList<>(List.of(cli, "server", "start-dev",
        "--ip", "127.0.0.1", "--port", Integer.toString(port),
        "--ui-ip", "127.0.0.1", "--ui-port", Integer.toString(uiPort),
        "--db-filename", db.toString(), "--namespace", namespace,
        // WAL with synchronous=NORMAL: no fsync per transaction, yet nothing committed is lost when a process dies
        "--sqlite-pragma", "journal_mode=WAL", "--sqlite-pragma", "synchronous=NORMAL"));
    SearchAttributes.ALL.forEach(k -> cmd.addAll(List.of("--search-attribute", k.getName() + "=Keyword")));
    // Payloads are encrypted (kratix.temporal.codec): the UI decodes them through the api's codec endpoint.
    if (uiCodecEndpoint != null && !uiCodecEndpoint.isBlank()) cmd.addAll(List.of("--ui-codec-endpoint", uiCodecEndpoint));
    cmd.addAll(List.of("--dynamic-config-value", "frontend.enableServerVersionCheck=false", "--log-level", "warn"));
    return cmd;
  }

  public int port() {
    return port;
  }

  public int uiPort() {
    return uiPort;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return server.pid();
  }

  private void awaitReady(String namespace, Path logFile) throws IOException {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try {
      while (true) {
        if (!server.isAlive()) {
          throw new IOException("temporal server start-dev exited with " + server.exitValue() + "; last lines of "
              + logFile + ":\n" + tail(logFile));
        }
        try {
          stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
          return;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IOException("the Temporal dev server did not answer within " + READY_TIMEOUT + ": " + notYet.getMessage());
          }
          sleep(100);
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    watchdog.destroyForcibly();
    if (server.isAlive()) {
      server.destroy();
      try {
        if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        server.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server of an earlier run that is still up on the same database (it would corrupt it) is stopped first. */
  private static void stopLeftover(Path pidFile, Path db) throws IOException {
    if (!Files.exists(pidFile)) return;
    Optional<ProcessHandle> old;
    try {
      old = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (NumberFormatException e) {
      old = Optional.empty();
    }
    old.filter(p -> p.info().commandLine().map(c -> c.contains("start-dev") && c.contains(db.toString())).orElse(false))
        .ifPresent(p -> {
          log.warn("stopping Temporal dev server {} left over on {}", p.pid(), db);
          p.destroy();
          try {
            p.onExit().get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            p.destroyForcibly();
          }
        });
    Files.deleteIfExists(pidFile);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A fixed port may still be held for a moment by a server that is stopping. */
  private static int awaitFree(int port) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException busy) {
        if (System.nanoTime() > deadline) throw new IOException("port 127.0.0.1:" + port + " is in use", busy);
        sleep(200);
      }
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

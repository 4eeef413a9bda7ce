package dev.kratixtemporal.api.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.KratixApplication;
import java.nio.file.Path;

/**
 * The dev default as its own process on fixed free ports and one data dir, restartable: the same ports and data
 * dir on every start, as a user restarting `java -jar api-*.jar --spring.profiles.active=dev` gets.
 */
final class DevApp {
  final Path dataDir;
  final int httpPort = AppProcess.freePort();
  final int temporalPort = AppProcess.freePort();
  final int uiPort = AppProcess.freePort();
  final Api api;
  final StateRepository repo;
  private final String[] extraArgs;
  private AppProcess process;
  private int starts;

  DevApp(Path dataDir, String... extraArgs) {
    this.dataDir = dataDir;
    this.extraArgs = extraArgs;
    api = new Api("http://127.0.0.1:" + httpPort);
    repo = new StateRepository("http://127.0.0.1:" + httpPort + "/git/state.git");
  }

  String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  /** Starts the process and waits until the dev Destination is Ready. */
  AppProcess start() {
    String[] args = {"--spring.profiles.active=dev", "--server.port=" + httpPort, "--server.address=127.0.0.1",
        "--kratix.temporal.port=" + temporalPort, "--kratix.temporal.ui-port=" + uiPort,
        "--kratix.data-dir=" + dataDir, "--kratix.platform.sync-interval=1s"};
    String[] all = new String[args.length + extraArgs.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extraArgs, 0, all, args.length, extraArgs.length);
    process = AppProcess.start(KratixApplication.class.getName(), dataDir.resolveSibling(dataDir.getFileName() + "-app-" + ++starts + ".log"), all);
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) fail("the app stopped; see " + process.log());
      JsonNode dev = getOrNull("/api/v1/destinations/dev");
      if (dev != null && Status.condition(dev, "Ready").equals("True")) return process;
      EndToEndTest.sleep(500);
    }
    fail("the app did not become ready; see " + process.log());
    return process;
  }

  /** SIGKILL of the process group if it still runs (a failed test must not leave it behind). */
  void stop() {
    if (process != null && process.isAlive()) process.killGroup();
  }

  AppProcess process() {
    return process;
  }

  /** null while the app is not answering (starting, or the object does not exist). */
  JsonNode getOrNull(String path) {
    try {
      return api.getOrNull(path);
    } catch (IllegalStateException notUp) {
      return null;
    }
  }
}

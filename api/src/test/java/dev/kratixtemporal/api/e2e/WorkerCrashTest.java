package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.worker.KratixWorkerApplication;
import dev.kratixtemporal.worker.TemporalDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM SIGKILLed while its pipeline container runs. The Temporal dev server, the API and the worker are
 * separate processes, as in production. A fresh worker takes over: the request is Reconciled, the orphaned
 * container is gone, and its files are committed exactly once. -Dcrash.trials=N (default 3); one JSON line of
 * results is printed (deploy/crash-trials.sh reads it).
 */
class WorkerCrashTest {
  static final int TRIALS = Integer.getInteger("crash.trials", 3);
  static final int PIPELINE_SECONDS = 12;
  /** kratix.secrets.key of both processes: a fresh random key for this run. */
  static final String KEY = randomKey();
  static final String REQUESTS = "/api/v1/promises/tmp-durable/resources/default/";

  @TempDir
  static Path tmp;

  static TemporalDevServer temporal;
  static DevApp api;
  static AppProcess worker;
  static Path workerData;
  static int workers;

  @BeforeAll
  static void start() throws IOException {
    PipelineImages.requireBuilt();
    temporal = TemporalDevServer.start(new TemporalDevServer.Settings(System.getProperty("kratix.temporal.cli", "temporal"),
        tmp.resolve("temporal"), 0, 0, "default"));
    workerData = tmp.resolve("worker");
    worker = startWorker();
    // Separate data folders: the two processes share the payload key through the setting, as in production.
    api = new DevApp(tmp.resolve("api"), "--kratix.temporal.server=external", "--kratix.worker.enabled=false",
        "--spring.temporal.connection.target=" + temporal.target(), "--kratix.secrets.key=" + KEY);
    api.start();
    api.api.applyOk(EndToEndTest.resource("tmp-durable.yaml"));
    EndToEndTest.eventually("Promise Available", () -> api.getOrNull("/api/v1/promises/tmp-durable"),
        p -> p != null && "Available".equals(p.path("status").path("status").asText()));
  }

  @AfterAll
  static void stop() {
    if (api != null) api.stop();
    if (worker != null && worker.isAlive()) worker.killGroup();
    if (temporal != null) temporal.close();
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  static AppProcess startWorker() {
    return AppProcess.start(KratixWorkerApplication.class.getName(), tmp.resolve("worker-" + ++workers + ".log"),
        "--spring.temporal.connection.target=" + temporal.target(), "--kratix.data-dir=" + workerData, "--kratix.secrets.key=" + KEY,
        // podman: its container outlives the worker's JVM, the orphan this test is about (a sandbox dies with it)
        "--kratix.pipeline-runtime=podman", "--server.port=0", "--server.address=127.0.0.1");
  }

  record Trial(boolean completed, int updateCommits, boolean orphanGone, double recoverySeconds) {}

  @Test
  void aFreshWorkerFinishesTheRequestOfAKilledOneWithoutWritingTwice() {
    List<Trial> trials = new ArrayList<>();
    for (int i = 1; i <= TRIALS; i++) trials.add(trial("tmp-crash-" + i));
    long completed = trials.stream().filter(Trial::completed).count();
    long duplicates = trials.stream().filter(t -> t.updateCommits() > 1).count();
    double mean = trials.stream().filter(Trial::completed).mapToDouble(Trial::recoverySeconds).average().orElse(Double.NaN);
    System.out.println(String.format(Locale.ROOT,
        "{\"trials\":%d,\"completed\":%d,\"lost\":%d,\"duplicateCommits\":%d,\"meanRecoverySeconds\":%.1f}",
        TRIALS, completed, TRIALS - completed, duplicates, mean));
    assertThat(trials).allSatisfy(t -> {
      assertThat(t.completed()).isTrue();
      assertThat(t.updateCommits()).isEqualTo(1);
      assertThat(t.orphanGone()).isTrue();
    });
  }

  /**
   * The worker killed during its Git write, after the commit and before the push: a pre-push hook in its clone
   * (JGit runs it) says when it is there and holds the push. A fresh worker writes again: the file lands once.
   */
  @Test
  void aWorkerKilledBetweenCommitAndPushLeavesTheFileInGitExactlyOnce() throws IOException {
    String name = "tmp-crash-push";
    Path marker = tmp.resolve("pre-push-reached");
    Path hook = workerClone().resolve("hooks/pre-push");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\nsleep 30\n");
    hook.toFile().setExecutable(true);
    try {
      api.api.applyOk("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: TmpDurable
          metadata:
            name: %s
            namespace: default
          spec:
            colour: blue
          """.formatted(name));
      EndToEndTest.eventually("the write between commit and push", () -> Files.exists(marker), reached -> reached);
      worker.kill();
    } finally {
      Files.deleteIfExists(hook);
    }
    assertThat(api.repo.log()).noneMatch(l -> l.contains("Update from: tmp-durable-" + name + "-"));
    worker = startWorker();
    JsonNode rr = EndToEndTest.eventually(name + " Reconciled", () -> api.getOrNull(REQUESTS + name),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(rr.path("status").path("kratix").path("workPlacements").get(0).path("destination").asText()).isEqualTo("dev");
    assertThat(api.repo.files()).contains("dev/resources/default/tmp-durable/" + name + "/paint/5058f/main.yaml");
    assertThat(api.repo.log()).filteredOn(l -> l.contains("Update from: tmp-durable-" + name + "-")).hasSize(1);
  }

  /** The worker's (bare) clone of the dev store (the only store in this test), made by its first write. */
  static Path workerClone() throws IOException {
    try (Stream<Path> clones = Files.list(workerData.resolve("clones"))) {
      return clones.filter(c -> Files.isRegularFile(c.resolve("HEAD"))).findFirst()
          .orElseThrow(() -> new AssertionError("no clone under " + workerData.resolve("clones")));
    }
  }

  private Trial trial(String name) {
    api.api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: TmpDurable
        metadata:
          name: %s
          namespace: default
        spec:
          colour: green
          sleep: %d
        """.formatted(name, PIPELINE_SECONDS));
    String container = EndToEndTest.eventually(name + "'s container running", WorkerCrashTest::runningContainer, c -> c != null);
    worker.kill(); // SIGKILL of the worker JVM alone: its `podman run` and the container live on
    long killed = System.nanoTime();
    worker = startWorker();
    JsonNode rr = null;
    long deadline = killed + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      rr = api.getOrNull(REQUESTS + name);
      if (rr != null && Status.condition(rr, "Reconciled").equals("True")) break;
      EndToEndTest.sleep(250);
    }
    double recovery = (System.nanoTime() - killed) / 1e9;
    boolean completed = rr != null && Status.condition(rr, "Reconciled").equals("True");
    String file = "dev/resources/default/tmp-durable/" + name + "/paint/5058f/main.yaml";
    int commits = (int) api.repo.log().stream().filter(l -> l.contains("Update from: tmp-durable-" + name + "-")).count();
    boolean filePresent = api.repo.files().contains(file);
    return new Trial(completed && filePresent, commits, !containerExists(container), recovery);
  }

  /** The name of a container of the worker's (its scratch folders are named after them), once one runs. */
  static String runningContainer() {
    String names = podman("ps", "--format", "{{.Names}}");
    try (Stream<Path> runs = Files.list(workerData.resolve("pipelines"))) {
      List<String> ours = runs.map(p -> p.getFileName().toString()).toList();
      return names.lines().filter(n -> ours.stream().anyMatch(n::startsWith)).findFirst().orElse(null);
    } catch (IOException noneYet) {
      return null;
    }
  }

  static boolean containerExists(String name) {
    return podman("ps", "-a", "--format", "{{.Names}}").lines().anyMatch(name::equals);
  }

  static String podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

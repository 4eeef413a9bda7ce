package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark the README names. One Promise with a trivial one-container pipeline, N requests
 * through the API, latency from apply to the commit that holds each request's files, commits per request, and
 * a bare podman run of the same image for comparison. Prints one JSON line.
 */
class ApplyThroughputBenchmark extends EndToEndTest {
  /** -Dbenchmark.temporal=in-memory compares with the SDK's in-memory server; the default is the dev server. */
  @org.springframework.test.context.DynamicPropertySource
  static void temporalServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("kratix.temporal.server", () -> System.getProperty("benchmark.temporal", "dev"));
  }

  private static final String IMAGE = "localhost/kratix-test/trivial:v1";
  private static final Pattern COMMIT = Pattern.compile("Update from: bench-(r-\\d+)-");

  @Test
  void applyThroughput() throws Exception {
    int n = Integer.getInteger("benchmark.requests", 200);
    double podmanMean = bareRunMeanSeconds(5);
    api.applyOk(resource("bench.yaml"));
    awaitAvailable("bench");

    Map<String, Long> applied = new ConcurrentHashMap<>();
    Map<String, Long> committed = new ConcurrentHashMap<>();
    AtomicInteger commits = new AtomicInteger();
    Thread watcher = new Thread(() -> watchCommits(committed, commits, n));
    watcher.setDaemon(true);
    watcher.start();
    long start = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    for (int i = 0; i < n; i++) {
      String name = String.format("r-%04d", i);
      clients.submit(() -> {
        applied.put(name, System.nanoTime());
        api.applyOk("""
            apiVersion: test.kratix.dev/v1alpha1
            kind: Bench
            metadata:
              name: %s
              namespace: default
            spec: {}
            """.formatted(name));
      });
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    watcher.join(TimeUnit.MINUTES.toMillis(20));
    assertThat(committed).hasSize(n);
    long end = committed.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    List<Double> latencies = new ArrayList<>();
    committed.forEach((name, at) -> latencies.add((at - applied.get(name)) / 1e9));
    latencies.sort(Double::compare);
    double wall = (end - start) / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "{\"temporal\":\"%s\",\"n\":%d,\"wallSeconds\":%.2f,\"requestsPerSecond\":%.2f,\"p50Seconds\":%.2f,\"p95Seconds\":%.2f,"
            + "\"commitsPerRequest\":%.2f,\"podmanRunMeanSeconds\":%.3f}",
        System.getProperty("benchmark.temporal", "dev"), n, wall, n / wall, percentile(latencies, 0.50), percentile(latencies, 0.95), commits.get() / (double) n, podmanMean));
  }

  /** Polls the bare repository the API serves, noting when each request's commit first appears. */
  private static void watchCommits(Map<String, Long> committed, AtomicInteger commits, int n) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(DATA_DIR.resolve("state.git").toFile()).build()) {
      ObjectId seen = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      while (committed.size() < n && System.nanoTime() < deadline) {
        ObjectId head = repo.resolve("refs/heads/main");
        if (head != null && !head.equals(seen)) {
          long now = System.nanoTime();
          try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(head));
            if (seen != null) walk.markUninteresting(walk.parseCommit(seen));
            for (RevCommit c : walk) {
              Matcher m = COMMIT.matcher(c.getFullMessage());
              boolean ours = false;
              while (m.find()) {
                committed.putIfAbsent(m.group(1), now);
                ours = true;
              }
              if (ours) commits.incrementAndGet();
            }
          }
          seen = head;
        }
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double bareRunMeanSeconds(int runs) throws Exception {
    Path dir = Files.createTempDirectory("bench-podman");
    Path in = Files.createDirectories(dir.resolve("input"));
    Path out = Files.createDirectories(dir.resolve("output"));
    Files.writeString(in.resolve("object.yaml"), "metadata:\n  name: bare\n");
    List<String> cmd = new ArrayList<>(List.of("podman", "run", "--rm"));
    cmd.addAll(dev.kratixtemporal.activities.pipeline.PodmanSettings.DEFAULT_RUN_ARGS);
    cmd.addAll(List.of("-v", in + ":/kratix/input:ro", "-v", out + ":/kratix/output", IMAGE));
    run(cmd); // warm-up
    long total = 0;
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      run(cmd);
      total += System.nanoTime() - t;
    }
    return total / 1e9 / runs;
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private static double percentile(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.workflow.WorkflowIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark the README names (README, "Benchmark"). One Promise with a trivial one-container
 * pipeline on the real Temporal dev server, N requests through the API, and one JSON line: latency from apply to the
 * commit that holds each request's files, commits per request, CPU of this JVM (worker and API), of the Temporal
 * server and of the containers, and the floor: a bare bubblewrap run of the same image, measured in the same run.
 *
 * <ul>
 *   <li>{@code -Dbenchmark.mode=burst} (default): all N sent at once, by 8 clients.
 *   <li>{@code -Dbenchmark.mode=rate -Dbenchmark.rate=10}: sent at a fixed rate per second.
 *   <li>{@code -Dbenchmark.mode=update}: N applied and committed, then the Promise updated; the time until every
 *       request's new files are committed.
 *   <li>{@code -Dbenchmark.mode=idle}: N applied and committed, then left alone for {@code benchmark.idleSeconds}
 *       (default 60); the JVM's heap after a full collection and its resident memory, and the Temporal server's.
 * </ul>
 * {@code -Dkratix.e2e.pipeline-runtime=podman} runs the pipelines on podman; {@code -Dbenchmark.temporal=in-memory} on
 * the SDK's in-memory server.
 */
class ApplyThroughputBenchmark extends EndToEndTest {
  @org.springframework.test.context.DynamicPropertySource
  static void temporalServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("kratix.temporal.server", () -> System.getProperty("benchmark.temporal", "dev"));
  }

  private static final String IMAGE = "localhost/kratix-test/trivial:v1";
  private static final Pattern COMMIT = Pattern.compile("Update from: bench-(r-\\d+)-");
  private static final int FLOOR_RUNS = 20;

  @Test
  void applyThroughput() throws Exception {
    int n = Integer.getInteger("benchmark.requests", 200);
    String mode = System.getProperty("benchmark.mode", "burst");
    api.applyOk(resource("bench.yaml"));
    awaitAvailable("bench");
    List<String> names = Stream.iterate(0, i -> i + 1).limit(n).map(i -> String.format("r-%04d", i)).toList();

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("mode", mode);
    result.put("runtime", RUNTIME);
    result.put("temporal", System.getProperty("benchmark.temporal", "dev"));
    result.put("n", n);
    Phase phase;
    if (mode.equals("update")) {
      applyAll(names, 8, 0).awaitCommitted();
      Phase.Cpu before = Phase.Cpu.now();
      long start = System.nanoTime();
      CommitWatch watch = CommitWatch.start(names);
      // The trivial pipeline writes REVISION into its ConfigMap: every request gets a new commit.
      api.applyOk(resource("bench.yaml").replace("image: " + IMAGE, "image: " + IMAGE
          + "\n                env:\n                  - name: REVISION\n                    value: \"2\""));
      watch.awaitAll();
      phase = new Phase(before, start, watch, Map.of());
    } else {
      double rate = mode.equals("rate") ? Double.parseDouble(System.getProperty("benchmark.rate", "10")) : 0;
      if (rate > 0) result.put("ratePerSecond", rate);
      Phase.Cpu before = Phase.Cpu.now();
      long start = System.nanoTime();
      Applied applied = applyAll(names, 8, rate);
      applied.awaitCommitted();
      phase = new Phase(before, start, applied.watch, applied.at);
    }
    phase.report(result, n);
    result.put("eventsPerRequest", eventsPerRequest(names));
    if (Boolean.getBoolean("benchmark.timeline")) {
      printTimeline(WorkflowIds.resource("bench", "default", names.get(names.size() / 2)), 0);
      printTimeline(WorkflowIds.promise("bench"), 80);
    }
    if (mode.equals("idle")) {
      Thread.sleep(TimeUnit.SECONDS.toMillis(Integer.getInteger("benchmark.idleSeconds", 60)));
      System.gc();
      Runtime jvm = Runtime.getRuntime();
      result.put("heapUsedAfterGcMiB", (jvm.totalMemory() - jvm.freeMemory()) >> 20);
      result.put("heapCommittedMiB", jvm.totalMemory() >> 20);
      result.put("temporalRssMiB", Math.round(CpuClock.rssMiB(temporalPid())));
    }
    result.put("jvmRssMiB", Math.round(CpuClock.rssMiB(ProcessHandle.current().pid())));
    Floor floor = bareSandboxRun();
    result.put("bareSandboxRunMs", round(floor.wallSeconds * 1000));
    result.put("bareSandboxRunCpuMs", round(floor.cpuSeconds * 1000));
    double floorCpu = n * floor.cpuSeconds;
    result.put("floorCpuSeconds", round(floorCpu));
    result.put("costToFloor", round((double) result.get("machineCpuSeconds") / floorCpu));
    System.out.println(toJson(result));
  }

  private record Applied(Map<String, Long> at, CommitWatch watch, Map<String, String> failed) {
    void awaitCommitted() throws InterruptedException {
      // A failed apply is a finding, not a hang: say which and why.
      assertThat(failed).as("applies that failed").isEmpty();
      watch.awaitAll();
    }
  }

  /** Applies every request, at once from the clients or at a fixed rate per second; notes when each was sent. */
  private Applied applyAll(List<String> names, int clients, double rate) throws InterruptedException {
    Map<String, Long> at = new ConcurrentHashMap<>();
    Map<String, String> failed = new ConcurrentHashMap<>();
    CommitWatch watch = CommitWatch.start(names);
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(clients);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Runnable apply = () -> {
        at.put(name, System.nanoTime());
        try {
          api.applyOk("""
              apiVersion: test.kratix.dev/v1alpha1
              kind: Bench
              metadata:
                name: %s
                namespace: default
              spec: {}
              """.formatted(name));
        } catch (RuntimeException | AssertionError e) {
          failed.put(name, String.valueOf(e.getMessage()));
        }
      };
      if (rate > 0) pool.schedule(apply, Math.round(i * 1e6 / rate), TimeUnit.MICROSECONDS);
      else pool.submit(apply);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(timeoutMinutes(names.size()), TimeUnit.MINUTES)).as("every apply sent").isTrue();
    return new Applied(at, watch, failed);
  }

  /** What a measured phase cost: from its start until every request's commit. */
  private record Phase(Cpu before, long start, CommitWatch watch, Map<String, Long> sentAt) {
    record Cpu(double jvm, double children, double temporal, double machine) {
      static Cpu now() {
        long temporalPid = temporalPid();
        return new Cpu(CpuClock.jvm(), CpuClock.waitedChildren(),
            temporalPid < 0 ? 0 : CpuClock.process(temporalPid), CpuClock.machineBusy());
      }
    }

    void report(Map<String, Object> result, int n) {
      Cpu after = Cpu.now();
      long end = watch.committed.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      double wall = (end - start) / 1e9;
      result.put("wallSeconds", round(wall));
      result.put("requestsPerSecond", round(n / wall));
      List<Double> latencies = new ArrayList<>();
      watch.committed.forEach((name, at) -> latencies.add((at - sentAt.getOrDefault(name, start)) / 1e9));
      latencies.sort(Double::compare);
      result.put("p50Seconds", round(percentile(latencies, 0.50)));
      result.put("p95Seconds", round(percentile(latencies, 0.95)));
      result.put("commitsPerRequest", round(watch.commits.get() / (double) n));
      result.put("jvmCpuSeconds", round(after.jvm - before.jvm));
      result.put("temporalCpuSeconds", round(after.temporal - before.temporal));
      // The sandbox's containers are children this JVM waits for; podman's run under conmon, counted only in "other".
      result.put("containerCpuSeconds", round(after.children - before.children));
      double machine = after.machine - before.machine;
      result.put("otherCpuSeconds", round(machine - (after.jvm - before.jvm) - (after.temporal - before.temporal)
          - (after.children - before.children)));
      result.put("machineCpuSeconds", round(machine));
      result.put("cpuMsPerRequest", round(machine * 1000 / n));
    }
  }

  /** How long a phase may take: half an hour, or a minute for every 200 requests past 6,000. */
  private static long timeoutMinutes(int n) {
    return Math.max(30, n / 200);
  }

  /** The Temporal dev server this JVM started, or -1 (the in-memory server). */
  private static long temporalPid() {
    return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("start-dev"))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  /** Polls the bare repository the API serves, noting when each request's next commit appears. */
  private static final class CommitWatch {
    final Map<String, Long> committed = new ConcurrentHashMap<>();
    final AtomicInteger commits = new AtomicInteger();
    private final Thread thread;
    private final int n;

    private CommitWatch(List<String> names) {
      this.n = names.size();
      this.thread = new Thread(this::watch, "commit-watch");
      thread.setDaemon(true);
    }

    static CommitWatch start(List<String> names) {
      CommitWatch w = new CommitWatch(names);
      w.thread.start();
      return w;
    }

    void awaitAll() throws InterruptedException {
      thread.join(TimeUnit.MINUTES.toMillis(timeoutMinutes(n)));
      assertThat(committed).hasSize(n);
    }

    private void watch() {
      try (Repository repo = new FileRepositoryBuilder().setGitDir(DATA_DIR.resolve("state.git").toFile()).build()) {
        ObjectId seen = repo.resolve("refs/heads/main");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes(n));
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
  }

  /** History events of a request's workflow (all its runs), averaged over up to 20 requests. */
  private double eventsPerRequest(List<String> names) {
    List<String> sample = names.subList(0, Math.min(20, names.size()));
    long total = 0;
    for (String name : sample) {
      String id = WorkflowIds.resource("bench", "default", name);
      total += temporal.fetchHistory(id).getEvents().size();
    }
    return round(total / (double) sample.size());
  }

  /** Where a workflow's time went: each event of its last run (the last {@code last} of them, 0: all), in ms after the one before. */
  private void printTimeline(String workflowId, int last) {
    var events = temporal.fetchHistory(workflowId).getEvents();
    if (last > 0) events = events.subList(Math.max(0, events.size() - last), events.size());
    long previous = 0;
    StringBuilder out = new StringBuilder("timeline of " + workflowId + ":\n");
    for (var e : events) {
      long at = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
      String what = e.getEventType().name().replace("EVENT_TYPE_", "");
      if (e.hasActivityTaskScheduledEventAttributes()) what += " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
      if (e.hasMarkerRecordedEventAttributes()) what += " " + e.getMarkerRecordedEventAttributes().getMarkerName();
      if (e.hasWorkflowExecutionSignaledEventAttributes()) what += " " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName();
      if (e.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()) {
        what += " " + e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName();
      }
      out.append(String.format("%6d %s%n", previous == 0 ? 0 : at - previous, what));
      previous = at;
    }
    System.out.println(out);
  }

  private record Floor(double wallSeconds, double cpuSeconds) {}

  /**
   * The floor: the same image run bare under bubblewrap, as docs/security.md describes the sandbox (its root
   * filesystem as the sandbox runtime unpacked it, the Kratix folders, private namespaces), means of FLOOR_RUNS.
   */
  private static Floor bareSandboxRun() throws Exception {
    Path rootfs;
    try (Stream<Path> walk = Files.walk(DATA_DIR)) {
      rootfs = walk.filter(p -> p.getFileName().toString().equals("rootfs") && Files.isDirectory(p)).findFirst()
          .orElse(null);
    }
    if (rootfs == null) rootfs = unpack();
    Path dir = Files.createTempDirectory("bench-bare");
    Path in = Files.createDirectories(dir.resolve("input"));
    Path out = Files.createDirectories(dir.resolve("output"));
    Files.writeString(in.resolve("object.yaml"), "metadata:\n  name: bare\n");
    List<String> cmd = new ArrayList<>(List.of("bwrap", "--tmpfs", "/"));
    try (Stream<Path> entries = Files.list(rootfs)) {
      for (Path e : entries.sorted().toList()) {
        String name = e.getFileName().toString();
        if (Files.isSymbolicLink(e)) cmd.addAll(List.of("--symlink", Files.readSymbolicLink(e).toString(), "/" + name));
        else if (!List.of("proc", "dev", "tmp", "kratix").contains(name)) cmd.addAll(List.of("--ro-bind", e.toString(), "/" + name));
      }
    }
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", in.toString(), "/kratix/input",
        "--bind", out.toString(), "/kratix/output", "--unshare-all", "--die-with-parent", "--clearenv",
        "--setenv", "PATH", "/usr/bin:/bin", "/bin/sh", "/pipeline.sh"));
    String script = Files.exists(rootfs.resolve("pipeline.sh")) ? "/pipeline.sh" : "/bin/pipeline.sh";
    cmd.set(cmd.size() - 1, script);
    run(cmd); // warm-up
    double cpu = CpuClock.waitedChildren();
    long start = System.nanoTime();
    for (int i = 0; i < FLOOR_RUNS; i++) run(cmd);
    return new Floor((System.nanoTime() - start) / 1e9 / FLOOR_RUNS, (CpuClock.waitedChildren() - cpu) / FLOOR_RUNS);
  }

  /** Under podman the sandbox cache is empty: unpack the image with podman export, as the sandbox does. */
  private static Path unpack() throws Exception {
    Path rootfs = Files.createDirectories(Files.createTempDirectory("bench-rootfs").resolve("rootfs"));
    String id = new String(new ProcessBuilder("podman", "create", IMAGE).start().getInputStream().readAllBytes()).trim();
    run(List.of("sh", "-c", "podman export " + id + " | tar -x -C " + rootfs + " && podman rm " + id));
    return rootfs;
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
  }

  private static double percentile(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String toJson(Map<String, Object> fields) {
    return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":"
        + (e.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(e.getValue())))
        .collect(Collectors.joining(",", "{", "}"));
  }
}

package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The cost of one trivial pipeline run (one container writing one file) through each local runtime, run on purpose
 * ({@code -Dtest=PipelineRuntimeBenchmark}, -Dbenchmark.runs=N, default 20), the runtimes taking turns. Wall time,
 * and CPU two ways: this JVM with its waited-for children ({@code /proc/self/stat}), which misses podman's conmon,
 * runc and the container; and the whole machine's busy time ({@code /proc/stat}), which counts them and anything
 * else running. Prints one JSON line per runtime (medians).
 */
class PipelineRuntimeBenchmark {
  static final String IMAGE = "localhost/kratix-test/trivial:v1";
  static final int RUNS = Integer.getInteger("benchmark.runs", 20);
  static final double TICK_MS = 10; // USER_HZ = 100

  @Test
  void trivialPipelineRun() throws Exception {
    Path work = Files.createTempDirectory("kratix-bench");
    FolderBlobStore blobs = TestBlobs.temporary();
    PipelineActivities sandbox = stub(new SandboxPipelineActivities(new SandboxSettings(work, work.resolve("images")), blobs));
    PipelineActivities podman = stub(new PodmanPipelineActivities(new PodmanSettings("podman", List.of(),
        PodmanSettings.DEFAULT_RUN_ARGS, work), blobs));
    PipelineRun run = PipelineRuntimeContractTest.run(null, new Container("c0", IMAGE, List.of("/bin/sh", "-c"),
        List.of("echo done > /kratix/output/done.yaml"), List.of()));
    for (PipelineActivities a : List.of(sandbox, podman)) {
      if (!a.runPipeline(run).succeeded()) throw new AssertionError("warm-up run failed"); // the sandbox unpacks here
    }
    List<double[]> s = new ArrayList<>();
    List<double[]> p = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      s.add(measure(sandbox, run));
      p.add(measure(podman, run));
    }
    print("sandbox", s);
    print("podman", p);
    LocalPipelineActivities.deleteTree(work);
  }

  private static PipelineActivities stub(PipelineActivities impl) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    return env.newActivityStub(PipelineActivities.class);
  }

  /** {wall ms, JVM+children CPU ms, machine busy ms}. */
  private static double[] measure(PipelineActivities a, PipelineRun run) throws Exception {
    long ownBefore = ownTicks();
    long busyBefore = machineBusyTicks();
    long start = System.nanoTime();
    if (!a.runPipeline(run).succeeded()) throw new AssertionError("run failed");
    double wall = (System.nanoTime() - start) / 1e6;
    return new double[] {wall, (ownTicks() - ownBefore) * TICK_MS, (machineBusyTicks() - busyBefore) * TICK_MS};
  }

  private static long ownTicks() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 14-17 (utime, stime, cutime, cstime), counted from the state field (3)
    return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  private static long machineBusyTicks() throws Exception {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // all but idle, iowait
    return busy;
  }

  private static void print(String runtime, List<double[]> samples) {
    System.out.printf(Locale.ROOT, "{\"runtime\":\"%s\",\"runs\":%d,\"wallMsMedian\":%.1f,\"wallMsMin\":%.1f,"
        + "\"jvmAndChildrenCpuMsMedian\":%.0f,\"machineBusyMsMedian\":%.0f}%n", runtime, samples.size(),
        median(samples, 0), samples.stream().mapToDouble(d -> d[0]).min().orElse(0), median(samples, 1), median(samples, 2));
  }

  private static double median(List<double[]> samples, int index) {
    List<Double> v = new ArrayList<>(samples.stream().map(d -> d[index]).toList());
    Collections.sort(v);
    return v.get(v.size() / 2);
  }
}

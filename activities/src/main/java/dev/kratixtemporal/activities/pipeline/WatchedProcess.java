package dev.kratixtemporal.activities.pipeline;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One container's process, watched until it ends: it heartbeats (which is how a cancellation arrives), and it is
 * stopped past its wall-clock timeout or when the {@link RunawayGuard} finds it filling the disk.
 */
final class WatchedProcess {
  private static final Duration POLL = Duration.ofMillis(500);
  /** The disk guard walks folders: every 2 s is enough to stop a runaway early. */
  private static final int GUARD_EVERY_POLLS = 4;

  /** @param stoppedBecause why the container was stopped before it ended, or null */
  record Outcome(int exitCode, String output, String stoppedBecause) {
    /** Stopped because it ran past its wall-clock timeout. */
    boolean timedOut() {
      return stoppedBecause != null && stoppedBecause.startsWith(TIMED_OUT);
    }
  }

  private static final String TIMED_OUT = "exceeded its timeout";

  private WatchedProcess() {}

  /**
   * Runs {@code cmd}, its output going to a log file in {@code scratch}; {@code stop} ends the container and the
   * process (it is called on timeout, runaway, cancellation and interruption; cancellation is rethrown).
   */
  static Outcome run(ActivityExecutionContext ctx, String name, List<String> cmd, Duration timeout, PipelineFiles files,
      Path scratch, OutputLimits limits, Consumer<Process> stop) throws IOException {
    Path out = Files.createTempFile(scratch, name, ".log");
    RunawayGuard guard = new RunawayGuard(files, out, limits);
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      for (int polls = 1; !p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS); polls++) {
        ctx.heartbeat(name); // throws once the activity is cancelled
        String stopBecause = System.nanoTime() - deadline > 0 ? TIMED_OUT + " of " + timeout.toSeconds() + "s"
            : polls % GUARD_EVERY_POLLS == 0 ? guard.check() : null;
        if (stopBecause != null) {
          stop.accept(p);
          return new Outcome(-1, LogText.tail(out), stopBecause);
        }
      }
      return new Outcome(p.exitValue(), LogText.tail(out), null);
    } catch (ActivityCompletionException e) {
      // Cancelled or timed out: leave no container behind.
      stop.accept(p);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.accept(p);
      throw new IllegalStateException("interrupted while running " + name, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Ends the process and everything it started that is still its descendant, at once. */
  static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

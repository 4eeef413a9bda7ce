package dev.kratixtemporal.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an activity's work on its own thread while the activity heartbeats. Temporal notices a worker that died
 * mid-activity through the missed heartbeats (seconds) rather than the start-to-close timeout (minutes), and the
 * retry goes to a live worker.
 */
public final class Heartbeats {
  private static final long INTERVAL_MILLIS = 2_000;
  private static final ExecutorService WORK = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "kratix-heartbeating-work");
    t.setDaemon(true);
    return t;
  });

  private Heartbeats() {}

  /** The work's result; outside an activity (direct calls from tests) the work simply runs on this thread. */
  public static <T> T whileRunning(Callable<T> work) {
    ActivityExecutionContext ctx;
    try {
      ctx = Activity.getExecutionContext();
    } catch (RuntimeException notInAnActivity) {
      return call(work);
    }
    Future<T> result = WORK.submit(work);
    while (true) {
      try {
        return result.get(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        try {
          ctx.heartbeat(null);
        } catch (ActivityCompletionException e) {
          result.cancel(true);
          throw e;
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        result.cancel(true);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static <T> T call(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

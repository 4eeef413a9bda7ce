package dev.kratixtemporal.api.kubernetes;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one object at a time on one thread, like a controller-runtime queue with one worker: informer
 * threads only enqueue, an object queued twice is reconciled once, and nothing two reconciles do can interleave.
 */
final class WorkQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("kratix-controller"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("kratix-controller-timer"));
  private final Set<ObjectRef> queued = ConcurrentHashMap.newKeySet();
  private volatile Consumer<ObjectRef> reconciler = ref -> {};

  void start(Consumer<ObjectRef> reconciler) {
    this.reconciler = reconciler;
  }

  void enqueue(ObjectRef ref) {
    if (!queued.add(ref)) return;
    run(() -> {
      queued.remove(ref);
      reconciler.accept(ref);
    });
  }

  void later(ObjectRef ref, Duration delay) {
    timer.schedule(() -> enqueue(ref), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs a task on the reconcile thread after a delay. */
  void later(Runnable task, Duration delay) {
    timer.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  void every(Duration interval, Runnable task) {
    timer.scheduleWithFixedDelay(() -> run(task), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run(Runnable task) {
    if (worker.isShutdown()) return;
    worker.execute(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("controller task failed", e);
      }
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

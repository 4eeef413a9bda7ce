package dev.kratixtemporal.activities.catalog;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Reads of one key by many callers at once, shared: a thousand requests converging together ask their Promise's
 * workflow once or twice, not a thousand times (a query costs that workflow a task, and Temporal refuses queries
 * past a small buffer). Each caller gets a read that started after it asked, so none sees a state older than its
 * call: callers that arrive while a read is in flight wait for the next one, made for all of them.
 */
final class SharedReads<K, V> {
  private final Function<K, V> read;
  private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();
  private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "shared-read");
    t.setDaemon(true);
    return t;
  });

  SharedReads(Function<K, V> read) {
    this.read = read;
  }

  V get(K key) {
    Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
    CompletableFuture<V> mine;
    synchronized (slot) {
      if (slot.next == null) slot.next = new CompletableFuture<>();
      mine = slot.next;
      if (!slot.reading) {
        slot.reading = true;
        readers.execute(() -> serve(slot, key));
      }
    }
    try {
      return mine.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Reads for the callers waiting, then for those who came meanwhile, until none wait. */
  private void serve(Slot<V> slot, K key) {
    while (true) {
      CompletableFuture<V> batch;
      synchronized (slot) {
        batch = slot.next;
        slot.next = null;
        if (batch == null) {
          slot.reading = false;
          return;
        }
      }
      try {
        batch.complete(read.apply(key));
      } catch (RuntimeException | Error e) {
        batch.completeExceptionally(e);
      }
    }
  }

  private static final class Slot<V> {
    /** The callers waiting for the next read; null when none. */
    CompletableFuture<V> next;
    boolean reading;
  }
}

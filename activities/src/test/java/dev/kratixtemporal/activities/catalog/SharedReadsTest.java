package dev.kratixtemporal.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadsTest {
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger state = new AtomicInteger(1);

  @Test
  void aHundredCallersAtOnceShareAFewReads() throws Exception {
    SharedReads<String, Integer> shared = new SharedReads<>(key -> {
      reads.incrementAndGet();
      sleep(50);
      return state.get();
    });
    ExecutorService callers = Executors.newFixedThreadPool(100);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(callers.submit(() -> {
        go.await();
        return shared.get("promise");
      }));
    }
    go.countDown();
    for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(1);
    callers.shutdown();
    assertThat(reads.get()).isBetween(1, 3);
  }

  @Test
  void aCallerArrivingDuringAReadWaitsForTheNextAndSeesTheStateOfItsCall() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SharedReads<String, Integer> shared = new SharedReads<>(key -> {
      int value = state.get();
      if (reads.incrementAndGet() == 1) {
        reading.countDown();
        await(release);
      }
      return value;
    });
    ExecutorService callers = Executors.newFixedThreadPool(2);
    Future<Integer> first = callers.submit(() -> shared.get("promise"));
    reading.await();
    state.set(2); // the Promise changed while the first read was in flight
    Future<Integer> second = callers.submit(() -> shared.get("promise"));
    sleep(100);
    release.countDown();

    assertThat(first.get()).isEqualTo(1);
    assertThat(second.get()).as("a read that started after the call").isEqualTo(2);
    assertThat(reads.get()).isEqualTo(2);
    callers.shutdown();
  }

  @Test
  void aFailedReadFailsItsCallersAndTheNextReadIsTried() {
    SharedReads<String, Integer> shared = new SharedReads<>(key -> {
      if (reads.incrementAndGet() == 1) throw new IllegalStateException("query buffer full");
      return state.get();
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> shared.get("promise")).hasMessage("query buffer full");
    assertThat(shared.get("promise")).isEqualTo(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

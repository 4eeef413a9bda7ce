package dev.kratixtemporal.workflow;

import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals many workflows at once. A typed external stub blocks until each signal is recorded, so a loop of them
 * costs one workflow task per signal; here a batch goes out in one task. The SDK has no asynchronous external
 * signal, so each one runs on its own workflow thread: batches stay small enough for the worker's thread pool.
 */
final class FanOut {
  /** Signals sent together; the workflow checks for continue-as-new between batches. */
  static final int BATCH = 25;
  /** Histories recorded before: a signal that failed once was taken as the workflow gone. */
  static final String RETRIES = "fan-out-retries-once";
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private FanOut() {}

  /**
   * Sends the signal to every workflow id, {@link #BATCH} at a time.
   *
   * @return the ids whose workflow could not be signalled, twice a second apart (it has ended or never existed)
   */
  static List<String> send(List<String> workflowIds, Functions.Proc1<String> signal) {
    List<String> failed = sendOnce(workflowIds, signal);
    if (failed.isEmpty() || Workflow.getVersion(RETRIES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return failed;
    }
    // A workflow between two runs (continue-as-new) can miss a signal on Temporal's test server; one that is gone
    // misses it again.
    Workflow.sleep(RETRY_AFTER);
    return sendOnce(failed, signal);
  }

  private static List<String> sendOnce(List<String> workflowIds, Functions.Proc1<String> signal) {
    List<String> gone = new ArrayList<>();
    for (int from = 0; from < workflowIds.size(); from += BATCH) {
      List<String> batch = workflowIds.subList(from, Math.min(workflowIds.size(), from + BATCH));
      List<Promise<Void>> sent = new ArrayList<>();
      for (String id : batch) sent.add(Async.procedure(() -> signal.apply(id)));
      for (int i = 0; i < sent.size(); i++) {
        try {
          sent.get(i).get();
        } catch (RuntimeException e) {
          gone.add(batch.get(i));
        }
      }
    }
    return gone;
  }

  /** Takes up to one batch from the front of a queue. */
  static List<String> take(List<String> queue) {
    List<String> batch = new ArrayList<>(queue.subList(0, Math.min(BATCH, queue.size())));
    queue.subList(0, batch.size()).clear();
    return batch;
  }
}

package dev.kratixtemporal.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An activity call that a delete of the object interrupts. Deleting a request whose pipeline hangs must not wait for
 * it: the activity is cancelled, and its cancellation waited for (the runtime removes the container), before the
 * delete pipeline starts. See docs/security.md.
 */
final class UntilDeleted {
  private UntilDeleted() {}

  /** @return the activity's result, or null when a delete came first */
  static <A, R> R call(EntityWorkflowState state, Functions.Func1<A, R> activity, A input) {
    AtomicReference<Promise<R>> result = new AtomicReference<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> result.set(Async.function(activity, input)));
    scope.run();
    Workflow.await(() -> result.get().isCompleted() || state.deleteRequested);
    if (result.get().isCompleted()) return result.get().get();
    scope.cancel("the object is being deleted");
    try {
      result.get().get();
    } catch (ActivityFailure | CanceledFailure stopped) {
      // Expected: the activity acknowledged the cancellation.
    }
    return null;
  }
}

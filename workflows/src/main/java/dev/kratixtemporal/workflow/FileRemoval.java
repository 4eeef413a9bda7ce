package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.WorkflowStatus;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.Work;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last step of a delete: every placement's files removed from its store. A placement whose Destination or
 * store is not ready, or whose delete did not go through, is kept and waits, so its files are never forgotten in
 * the store; a Destination deleted meanwhile releases it (docs/store-writes.md).
 */
final class FileRemoval {
  /** Readiness changes wake the wait at once; this timer is the backstop (e.g. no Promise left to tell us). */
  static final Duration FIRST_RECHECK = Duration.ofMinutes(1);
  static final Duration MAX_RECHECK = Duration.ofMinutes(15);
  static final String WAITING = "DeleteWaitingForDestination";

  private FileRemoval() {}

  /** Returns once every placement of the object is deleted or released; may continue as new while it waits. */
  static void untilGone(PipelineWorkflowState state, Delivery delivery, PlatformSettings settings) {
    long recheck = FIRST_RECHECK.toMillis();
    while (true) {
      state.destinationsChanged = false;
      List<DestinationState> ready = delivery.freshDestinations();
      boolean gone = delivery.removeRetired(ready);
      for (Work work : List.copyOf(state.works.values())) gone &= delivery.remove(work, ready);
      if (gone) return;
      List<String> released = delivery.release(Stubs.catalog().registeredDestinations());
      if (!released.isEmpty()) {
        Workflow.getLogger(FileRemoval.class).info("Destination deleted while placements {} waited: their files "
            + "are left to that Destination's cleanup policy", released);
      }
      if (state.placements.isEmpty()) return;
      report(state, delivery.waitingDeletes());
      Workflow.await(Duration.ofMillis(recheck), () -> state.destinationsChanged || ContinueAsNew.due(settings));
      // deletePipelineRan is set: the next run goes straight back to this wait.
      if (!state.destinationsChanged) ContinueAsNew.ifDue(state, settings);
      recheck = Math.min(recheck * 2, MAX_RECHECK.toMillis());
    }
  }

  /** The status says which deletes wait, and for what. */
  private static void report(PipelineWorkflowState state, Map<String, String> waiting) {
    String now = Stubs.now();
    ArrayNode list = WorkflowStatus.kratix(state.status).putArray("pendingDeletes");
    List<String> lines = new ArrayList<>();
    for (Placement p : state.placements.values()) {
      String why = waiting.getOrDefault(p.name(), "Destination " + p.destination() + " is not ready");
      list.addObject().put("placement", p.name()).put("destination", p.destination()).put("waitingFor", why);
      lines.add(p.name() + ": " + why);
    }
    String message = "Deleting the files of " + lines.size() + " placement(s) waits: " + String.join("; ", lines);
    Conditions.set(state.status, Conditions.WORKS_SUCCEEDED, "False", WAITING, message, now);
    Conditions.set(state.status, Conditions.RECONCILED, "False", WAITING, "Deleting", now);
    state.status.put("message", "Deleting: waiting for " + String.join(", ",
        state.placements.values().stream().map(p -> "Destination " + p.destination()).distinct().toList()));
  }
}

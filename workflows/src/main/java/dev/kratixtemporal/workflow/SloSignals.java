package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.ProvisioningWatch;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.SloRef;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Sends the events requests and Promises see to the SLOs counting them (docs/slos.md, "Where the events come from"):
 * fire and forget, each signal on its own workflow thread, so that the sender never waits for an SLO and an SLO
 * workflow that is gone (deleted, not started yet) is ignored. Nothing is sent when no SLO counts the event: a
 * Promise without SLOs costs its requests no event.
 */
final class SloSignals {
  private SloSignals() {}

  /** One event, now, to every SLO of the kind. */
  static void observe(List<SloRef> slos, Sli.Kind kind, boolean good) {
    if (slos == null || slos.isEmpty()) return;
    long now = Workflow.currentTimeMillis();
    for (SloRef s : slos) if (s.counts(kind)) send(s.name(), new Observation(now, good));
  }

  static void send(List<ProvisioningWatch.Event> events) {
    for (ProvisioningWatch.Event e : events) send(e.slo(), new Observation(e.at(), e.good()));
  }

  private static void send(String slo, Observation observation) {
    SloWorkflow stub = Workflow.newExternalWorkflowStub(SloWorkflow.class, WorkflowIds.slo(slo));
    // Read, so that a signal to a workflow that is gone fails quietly.
    Async.procedure(stub::observe, observation).exceptionally(gone -> null);
  }
}

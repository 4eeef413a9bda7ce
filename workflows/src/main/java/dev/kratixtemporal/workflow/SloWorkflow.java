package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.slo.Slo;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One SLO (workflow id {@code slo/<name>}, {@link WorkflowIds#slo}): its events in time buckets, error budget, burn
 * rates and alert state (docs/slos.md). Whatever sees the events (request workflows, canaries, health checks)
 * signals them; the state is re-evaluated as they come and as time lets old ones go.
 */
@WorkflowInterface
public interface SloWorkflow {
  @WorkflowMethod
  void run(SloWorkflowState state);

  @SignalMethod
  void observe(Observation observation);

  /** Several events in one signal (one history event for all). */
  @SignalMethod
  void observeAll(List<Observation> observations);

  /**
   * The SLO was applied again, maybe changed: the same window, budgeting method (and slice length) keep the events
   * counted so far under the new objective; another window or method starts them afresh (docs/slos.md).
   */
  @SignalMethod
  void apply(Slo slo);

  /** The SLO was removed: the workflow completes. */
  @SignalMethod
  void delete();

  @QueryMethod
  SloStatus status();
}

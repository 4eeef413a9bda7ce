package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.logic.slo.SloReport;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** One Promise: its API, dependencies, promise workflows, availability, and the ids of its requests. */
@WorkflowInterface
public interface PromiseWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(PromiseWorkflowState state);

  /** The ready Destinations changed; null from code that sent no snapshot. */
  @SignalMethod
  void destinationsChanged(ReadyDestinations ready);

  /** Some Promise became available or unavailable: recheck requiredPromises. */
  @SignalMethod
  void requirementsChanged();

  /** Resume a workflow that workflow-control.yaml suspended, at the suspended pipeline. */
  @SignalMethod
  void resume();

  @SignalMethod
  void requestAdded(String workflowId);

  @SignalMethod
  void requestRemoved(String workflowId);

  /** A request finished converging after this Promise changed; the next one may start. */
  @SignalMethod
  void requestConverged(String workflowId);

  /**
   * An SLO of this Promise exists (it starts, or its alert state changed): shown on the status; a new one, or one whose
   * indicator changed, is forwarded to the requests (docs/slos.md, "Where the events come from").
   */
  @SignalMethod
  void sloAttached(SloReport report);

  /** The SLO was deleted. */
  @SignalMethod
  void sloDetached(String sloName);

  /** Workflow ids of this Promise's resource requests. */
  @QueryMethod
  List<String> requests();
}

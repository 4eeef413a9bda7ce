package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.ReadyDestinations;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One resource request: its configure pipelines, scheduling and writes. */
@WorkflowInterface
public interface ResourceWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(ResourceWorkflowState state);

  /** The Promise changed (spec or availability): converge. */
  @SignalMethod
  void promiseChanged();

  /** A HealthRecord about this request was applied; status.healthStatus is recomputed. */
  @SignalMethod
  void healthRecorded(ObjectNode healthRecord);

  /** The ready Destinations changed: place what could not be placed; null from code that sent no snapshot. */
  @SignalMethod
  void destinationsChanged(ReadyDestinations ready);

  /** Resume a workflow that workflow-control.yaml suspended, at the suspended pipeline. */
  @SignalMethod
  void resume();
}

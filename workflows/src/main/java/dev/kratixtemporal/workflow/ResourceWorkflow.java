package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PromiseVersion;
import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.model.slo.SloRef;
import io.temporal.workflow.SignalMethod;
import java.util.List;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One resource request: its configure pipelines, scheduling and writes. */
@WorkflowInterface
public interface ResourceWorkflow extends EntityWorkflow {
  @WorkflowMethod
  void run(ResourceWorkflowState state);

  /**
   * The Promise changed (spec or availability): converge. It says what it is now, so the worker may answer the read
   * of it from its last one; null (a signal from the command line, or recorded before) reads it afresh.
   */
  @SignalMethod
  void promiseChanged(PromiseVersion version);

  /** A HealthRecord about this request was applied; status.healthStatus is recomputed. */
  @SignalMethod
  void healthRecorded(ObjectNode healthRecord);

  /** A HealthDefinition (its workflow id) checks this request: health counts it from now on. */
  @SignalMethod
  void healthDefinitionAdded(String healthDefinitionWorkflowId);

  /** A HealthDefinition no longer checks this request: its record goes too. */
  @SignalMethod
  void healthDefinitionRemoved(String healthDefinitionWorkflowId);

  /** The ready Destinations changed: place what could not be placed; null from code that sent no snapshot. */
  @SignalMethod
  void destinationsChanged(ReadyDestinations ready);

  /**
   * Its Promise's SLOs changed: the request sends the events they count to them from now on; nothing runs again
   * (docs/slos.md, "Where the events come from").
   */
  @SignalMethod
  void slosChanged(List<SloRef> slos);

  /** Resume a workflow that workflow-control.yaml suspended, at the suspended pipeline. */
  @SignalMethod
  void resume();
}

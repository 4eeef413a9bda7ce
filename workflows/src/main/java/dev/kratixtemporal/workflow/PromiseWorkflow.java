package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.ReadyDestinations;
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

  /** Workflow ids of this Promise's resource requests. */
  @QueryMethod
  List<String> requests();
}

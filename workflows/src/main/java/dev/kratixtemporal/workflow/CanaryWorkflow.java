package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.slo.Canary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The synthetic requests of one provisioning SLO, {@code canary/<slo>}: started and stopped by the SLO's workflow
 * (docs/slos.md, "Canaries").
 */
@WorkflowInterface
public interface CanaryWorkflow {
  @WorkflowMethod
  void run(CanaryWorkflowState state);

  /** The SLO was applied again: the next canary follows this block and Promise. */
  @SignalMethod
  void apply(String promise, Canary canary);

  /** The SLO was deleted, or lost its canary block: the canary in flight is deleted, then the workflow ends. */
  @SignalMethod
  void stop();

  @QueryMethod
  CanaryStatus status();
}

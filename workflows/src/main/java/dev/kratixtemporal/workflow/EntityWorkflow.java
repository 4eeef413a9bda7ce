package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/** What every Kratix object's workflow answers: apply, reconcile, delete and a status query. */
public interface EntityWorkflow {
  /** Applies a new version of the document; the validator rejects bad input before anything is recorded. */
  @UpdateMethod
  ApplyResult apply(ObjectNode document);

  @UpdateValidatorMethod(updateName = "apply")
  void validateApply(ObjectNode document);

  /** Manual reconciliation: rerun from the start. */
  @SignalMethod
  void reconcile();

  @SignalMethod
  void delete();

  /** The object as Kratix shows it: the applied document with its status. */
  @QueryMethod
  ObjectNode status();
}

package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every Kratix object's workflow keeps, carried across continue-as-new: one subclass per kind
 * ({@link PromiseWorkflowState}, {@link ResourceWorkflowState}, {@link DestinationWorkflowState},
 * {@link StateStoreWorkflowState}; the Platform's is {@link Catalog}). Public fields, so that Temporal's Jackson
 * converter stores it as it is; unknown fields are ignored, so that histories recorded when every kind shared one
 * state class still replay.
 *
 * <p><b>Who may change what.</b> Signal and update handlers only record intent, in the fields marked "handlers"
 * below and in their subclasses; everything else is the loop's ({@link EntityLoop}). The loop re-reads the intent
 * after every blocking call, and clears a flag before acting on it, so that an intent recorded while it acts is
 * acted on next: this is the rule that stands in for a workflow lock (docs/architecture.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class EntityWorkflowState {
  /** Handlers (apply): the applied document, without status; null until the first apply. */
  public ObjectNode document;
  /** Handlers (apply) bump it when the spec changed. */
  public long generation;
  /** Handlers: a run was asked for (apply, manual reconcile, a change elsewhere). */
  public boolean runRequested;
  /** Handlers: manual reconciliation, rerun even when nothing changed. */
  public boolean forceRun;
  /** Handlers: delete the object. */
  public boolean deleteRequested;

  /** The loop: the status Kratix shows. Handlers of health records write their own field of it. */
  public ObjectNode status = JsonNodeFactory.instance.objectNode();
  /** The loop: known to whoever lists it (a request to its Promise, a Destination to the Platform). */
  public boolean registered;

  /** The object as Kratix shows it, and as a pipeline sees it: the document with its status. */
  public ObjectNode asObject() {
    ObjectNode object = document == null ? JsonNodeFactory.instance.objectNode() : document.deepCopy();
    object.set("status", status.deepCopy());
    return object;
  }
}

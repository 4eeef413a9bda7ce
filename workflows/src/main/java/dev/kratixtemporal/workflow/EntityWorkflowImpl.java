package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PlatformSettings;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * The one loop every Kratix object's workflow runs, and the handlers they share (docs/architecture.md, "One entity
 * loop"). The loop waits for intent, deletes, continues as new, or acts; a kind says what its intent is, how it
 * waits (its timers), how it acts and how it deletes.
 */
abstract class EntityWorkflowImpl<S extends EntityWorkflowState> implements EntityWorkflow {
  protected final S state;
  /** Loaded by the kinds that run pipelines; null for the others, which continue as new when Temporal suggests it. */
  protected PlatformSettings settings;

  protected EntityWorkflowImpl(S state) {
    this.state = state;
  }

  /** Intent recorded by handlers that the loop has to act on (a delete aside): by default, a run asked for. */
  protected boolean hasWork() {
    return state.runRequested;
  }

  /** Waits until woken holds. Kinds with timers wait with them too, and turn a time that came into intent. */
  protected void await(Supplier<Boolean> woken) {
    Workflow.await(woken);
  }

  /** Acts on the intent; may be called after a timer with none, and then decides what is due. */
  protected abstract void act();

  /** Deletes the object, to the end: the workflow completes after it. */
  protected abstract void deleteObject();

  protected final void loop() {
    while (true) {
      await(() -> state.deleteRequested || (state.document != null && hasWork()) || ContinueAsNew.due(settings));
      if (state.deleteRequested) {
        deleteObject();
        Workflow.await(Workflow::isEveryHandlerFinished);
        return;
      }
      if (ContinueAsNew.due(settings) && !hasWork()) ContinueAsNew.now(state);
      act();
    }
  }

  @Override
  public void reconcile() {
    state.forceRun = true;
    state.runRequested = true;
  }

  @Override
  public void delete() {
    state.deleteRequested = true;
  }

  @Override
  public ObjectNode status() {
    return state.asObject();
  }
}

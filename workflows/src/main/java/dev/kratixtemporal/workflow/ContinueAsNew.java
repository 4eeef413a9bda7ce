package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.PlatformSettings;
import io.temporal.workflow.Workflow;

/**
 * The one continue-as-new policy of every workflow, checked by the entity loop and inside every loop that can run
 * long: fan-outs to thousands of requests, and waits that can last months (docs/architecture.md, "Continue-as-new").
 */
final class ContinueAsNew {
  private ContinueAsNew() {}

  /**
   * Time to continue as new: Temporal suggests it, or the history passed kratix.workflows.max-history-events (for
   * the kinds that read the settings; null settings: when Temporal suggests it).
   */
  static boolean due(PlatformSettings settings) {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || (settings != null && Workflow.getInfo().getHistoryLength() > settings.maxHistoryEvents());
  }

  /** Continues as new with the state, once every handler has finished; the new run carries on from the state. */
  static void now(Object state) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(state);
  }

  /** Continues as new when it is due. */
  static void ifDue(Object state, PlatformSettings settings) {
    if (due(settings)) now(state);
  }
}

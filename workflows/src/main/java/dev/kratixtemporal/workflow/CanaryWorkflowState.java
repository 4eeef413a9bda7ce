package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.slo.Canary;

/** One SLO's canaries, carried across continue-as-new. */
public class CanaryWorkflowState {
  public String slo;
  public String promise;
  public Canary canary;
  /** Continue as new past this many history events, or when Temporal suggests it (tests set it low). */
  public int maxHistoryEvents = 4000;

  /** Handlers. */
  public boolean stopRequested;

  /** The loop's: the number of the last canary (its name is {@code <slo>-canary-<n>}) and when the next is due. */
  public long applied;
  public long nextAt;
  public long reconciled;
  public long timedOut;
  public String inFlight;
  public String skipped;

  public CanaryWorkflowState() {}

  public static CanaryWorkflowState of(String slo, String promise, Canary canary) {
    CanaryWorkflowState s = new CanaryWorkflowState();
    s.slo = slo;
    s.promise = promise;
    s.canary = canary;
    return s;
  }
}

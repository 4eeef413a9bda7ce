package dev.kratixtemporal.activity;

/**
 * Platform-wide settings (Kratix's config), read once per workflow run so they land in history.
 *
 * @param reconciliationInterval how often a configure workflow reruns when nothing changed (Go duration)
 * @param reconcileAfterFailure whether a failed configure workflow reruns after the interval too
 * @param convergeConcurrency how many requests a Promise converges at once after its spec changed
 * @param maxHistoryEvents a long-lived workflow continues as new past this many events (or when Temporal suggests)
 * @param stateStoreReconciliationInterval how often placements are written again to repair drift (Go duration; 0 =
 *     off); null in settings recorded before it existed, which means the default, 10h
 */
public record PlatformSettings(String reconciliationInterval, boolean reconcileAfterFailure, int convergeConcurrency,
    int maxHistoryEvents, String stateStoreReconciliationInterval) {

  public String rewriteInterval() {
    return stateStoreReconciliationInterval == null ? "10h" : stateStoreReconciliationInterval;
  }
}

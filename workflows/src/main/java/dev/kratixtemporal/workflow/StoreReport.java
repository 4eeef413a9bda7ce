package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.StateStore;

/**
 * What a state store's workflow tells the Platform, and only when it changed: its spec and readiness.
 *
 * @param rechecks how many times it was asked to check itself again (a Secret was applied): such a recheck is news
 *     even when nothing else changed, since writes that failed for want of the Secret wait for it
 */
public record StoreReport(String kind, StateStore store, boolean ready, long rechecks) {
  String key() {
    return kind + "/" + store.name();
  }
}

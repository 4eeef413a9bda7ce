package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.StateStore;

/** What a state store's workflow tells the Platform, and only when it changed: its spec and readiness. */
public record StoreReport(String kind, StateStore store, boolean ready) {
  String key() {
    return kind + "/" + store.name();
  }
}

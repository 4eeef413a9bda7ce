package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.GitStateStore;

/** A state store and its readiness; store is null when it does not exist or is not a Git store. */
public record StoreState(boolean exists, boolean ready, String message, GitStateStore store) {}

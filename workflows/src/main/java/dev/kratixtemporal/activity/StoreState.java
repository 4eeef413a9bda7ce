package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.StateStore;

/** A state store and its readiness; store is null when it does not exist. */
public record StoreState(boolean exists, boolean ready, String message, StateStore store) {}

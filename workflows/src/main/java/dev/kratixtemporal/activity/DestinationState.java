package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.StateStore;

/** A Destination together with the store it writes to. */
public record DestinationState(Destination destination, StateStore store) {}

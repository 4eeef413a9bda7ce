package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.GitStateStore;

/** A Destination together with the store it writes to. */
public record DestinationState(Destination destination, GitStateStore store) {}

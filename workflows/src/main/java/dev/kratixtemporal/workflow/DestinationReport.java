package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.Destination;

/** What a Destination workflow tells the Platform, and only when it changed: its spec and labels, and readiness. */
public record DestinationReport(Destination destination, boolean ready) {}

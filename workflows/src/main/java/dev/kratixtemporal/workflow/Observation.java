package dev.kratixtemporal.workflow;

/** One event of an SLO's indicator: when it happened (epoch millis) and whether it was good. */
public record Observation(long at, boolean good) {}

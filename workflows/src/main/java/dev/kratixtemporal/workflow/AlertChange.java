package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.AlertState;

/** The alert state an SLO moved to, and when (epoch millis, workflow time). */
public record AlertChange(long at, AlertState state) {}

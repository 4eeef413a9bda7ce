package dev.kratixtemporal.logic.slo;

/**
 * An SLO at one moment.
 *
 * @param sli the good fraction over the window (events, or slices for Timeslices); null before the first
 * @param window good and total over the window (events, or slices for Timeslices)
 */
public record SloEvaluation(long at, Double sli, double objective, double errorBudgetRemaining, BurnRates burnRates,
    AlertState alertState, Counts window) {}

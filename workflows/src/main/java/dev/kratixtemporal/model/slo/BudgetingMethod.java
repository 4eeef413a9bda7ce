package dev.kratixtemporal.model.slo;

/** How an SLO counts against its budget: every event, or slices of time that are good or bad as a whole. */
public enum BudgetingMethod {
  Occurrences,
  Timeslices
}

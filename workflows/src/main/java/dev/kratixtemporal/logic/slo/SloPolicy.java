package dev.kratixtemporal.logic.slo;

/**
 * The numbers of an SLO that its ledger needs, in plain fields (workflow state).
 *
 * @param timeSliceMillis 0 for Occurrences; for Timeslices the length of a slice
 * @param timeSliceTarget for Timeslices, the good ratio a slice needs to be good
 */
public record SloPolicy(long windowMillis, double target, long timeSliceMillis, double timeSliceTarget) {
  public boolean timeslices() {
    return timeSliceMillis > 0;
  }
}

package dev.kratixtemporal.logic.slo;

/** Good and total events (or slices) over some stretch of time. */
public record Counts(long good, long total) {
  public static final Counts NONE = new Counts(0, 0);

  public Counts plus(Counts other) {
    return new Counts(good + other.good, total + other.total);
  }

  public long bad() {
    return total - good;
  }
}

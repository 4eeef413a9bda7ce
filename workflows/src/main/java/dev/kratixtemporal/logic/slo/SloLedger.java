package dev.kratixtemporal.logic.slo;

import java.time.Duration;

/**
 * One SLO's events, kept as bucketed counts (never one entry per event), and its numbers at any moment. For
 * Timeslices, each slice that had events becomes one good or bad outcome when it closes, counted in a second
 * window; the SLI and burn rates then count slices instead of events (docs/slos.md). Workflow state: public fields.
 */
public class SloLedger {
  public SloPolicy policy;
  public EventWindow events;
  /** Timeslices only: one outcome per closed slice, dated at the slice's last millisecond. */
  public EventWindow slices;
  /** Timeslices only: the index of the first slice not closed yet. */
  public long nextSlice = Long.MIN_VALUE;

  public SloLedger() {}

  public static SloLedger of(SloPolicy policy) {
    SloLedger l = new SloLedger();
    l.policy = policy;
    l.events = EventWindow.of(policy.windowMillis());
    if (policy.timeslices()) l.slices = EventWindow.of(policy.windowMillis());
    return l;
  }

  /**
   * This ledger under a changed policy: with the same window and slice length (0 for Occurrences) the events and
   * slices counted so far are kept and judged by the new target; otherwise they mean something else, and a new,
   * empty ledger starts.
   */
  public SloLedger withPolicy(SloPolicy changed) {
    if (changed.windowMillis() != policy.windowMillis() || changed.timeSliceMillis() != policy.timeSliceMillis()) {
      return of(changed);
    }
    policy = changed;
    return this;
  }

  /** Counts events at a time; a time after now counts as now (a sender's clock ahead of ours). */
  public void observe(long at, long good, long total, long now) {
    events.add(Math.min(at, now), good, total);
  }

  /** Brings the windows to now: closes the slices that ended, lets old buckets go. */
  public void advance(long now) {
    closeSlices(now);
    events.advance(now);
    if (slices != null) slices.advance(now);
  }

  /** The SLO's numbers at now, as of the last {@link #advance}; reads only. */
  public SloEvaluation evaluate(long now) {
    EventWindow counted = slices != null ? slices : events;
    Counts window = counted.trailing(now, policy.windowMillis());
    Double sli = SloMath.sli(window);
    double[] rates = BurnRates.WINDOWS.stream()
        .mapToDouble(w -> SloMath.burnRate(counted.trailing(now, w.toMillis()), policy.target())).toArray();
    BurnRates burn = new BurnRates(rates[0], rates[1], rates[2], rates[3], rates[4]);
    return new SloEvaluation(now, sli, policy.target(), SloMath.errorBudgetRemaining(sli, policy.target()), burn,
        burn.alertState(), window);
  }

  /**
   * The next time the SLI, budget, burn rates or alert state can change if no event comes: events leaving a window
   * that holds bad ones, or (Timeslices) the current slice closing; -1 when nothing will change. A window of good
   * events only burns at 0 and has an SLI of 1 whatever leaves it, so it sets no time.
   */
  public long nextChange(long now) {
    EventWindow counted = slices != null ? slices : events;
    long next = Long.MAX_VALUE;
    for (Duration w : BurnRates.WINDOWS) next = earliest(next, expiryWithBadEvents(counted, now, w.toMillis()));
    next = earliest(next, expiryWithBadEvents(counted, now, policy.windowMillis()));
    if (slices != null) {
      long l = policy.timeSliceMillis();
      long start = Math.floorDiv(now, l) * l;
      if (events.range(start, start + l).total() > 0) next = earliest(next, start + l);
    }
    return next == Long.MAX_VALUE ? -1 : next;
  }

  private static long expiryWithBadEvents(EventWindow window, long now, long w) {
    return window.trailing(now, w).bad() == 0 ? -1 : window.nextExpiry(now, w);
  }

  private static long earliest(long a, long b) {
    return b < 0 ? a : Math.min(a, b);
  }

  private void closeSlices(long now) {
    if (slices == null) return;
    long l = policy.timeSliceMillis();
    long current = Math.floorDiv(now, l);
    // Slices are read from the one-minute buckets, which reach back an hour.
    long oldest = current - EventWindow.HOUR / l;
    for (long s = Math.max(nextSlice, oldest); s < current; s++) {
      Counts c = events.range(s * l, (s + 1) * l);
      if (c.total() == 0) continue;
      boolean good = c.good() >= policy.timeSliceTarget() * c.total() - 1e-9;
      slices.add((s + 1) * l - 1, good ? 1 : 0, 1);
    }
    nextSlice = Math.max(nextSlice, current);
  }
}

package dev.kratixtemporal.logic.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The formulas and the alert rules, against numbers worked out by hand (the arithmetic is in the comments). */
class SloLedgerTest {
  static final long MIN = 60_000;
  static final long DAY = 1440 * MIN;

  @Test
  void formulas() {
    // 8064 events, 8 bad, target 99.9%: SLI = 8056 / 8064 = 0.99900793...;
    // budget left = 1 - (8 / 8064) / 0.001 = 1 - 0.99206349 = 0.00793651.
    Counts c = new Counts(8056, 8064);
    assertThat(SloMath.sli(c)).isCloseTo(0.999007937, within(1e-9));
    assertThat(SloMath.errorBudgetRemaining(SloMath.sli(c), 0.999)).isCloseTo(0.007936508, within(1e-9));
    // One bad of 12 at 99.9%: (1/12) / 0.001 = 83.333...
    assertThat(SloMath.burnRate(new Counts(11, 12), 0.999)).isCloseTo(83.3333333, within(1e-6));
    // No events: no SLI, the whole budget, no burn.
    assertThat(SloMath.sli(Counts.NONE)).isNull();
    assertThat(SloMath.errorBudgetRemaining(null, 0.999)).isEqualTo(1);
    assertThat(SloMath.burnRate(Counts.NONE, 0.999)).isZero();
  }

  @Test
  void alertRulesAreStrictlyAboveTheirThresholds() {
    // Fields: 5m, 30m, 1h, 6h, 3d.
    assertThat(new BurnRates(14.5, 0, 14.5, 0, 0).alertState()).isEqualTo(AlertState.PAGE);
    assertThat(new BurnRates(14.4, 0, 100, 0, 0).alertState()).isEqualTo(AlertState.OK);
    assertThat(new BurnRates(100, 0, 14.4, 0, 0).alertState()).isEqualTo(AlertState.OK);
    assertThat(new BurnRates(0, 6.01, 0, 6.01, 0).alertState()).isEqualTo(AlertState.PAGE);
    assertThat(new BurnRates(0, 6, 0, 50, 50).alertState()).isEqualTo(AlertState.TICKET);
    assertThat(new BurnRates(0, 0, 0, 1.01, 1.01).alertState()).isEqualTo(AlertState.TICKET);
    assertThat(new BurnRates(0, 0, 0, 50, 1).alertState()).isEqualTo(AlertState.OK);
    assertThat(new BurnRates(0, 0, 0, 1, 50).alertState()).isEqualTo(AlertState.OK);
  }

  @Test
  void aFailedCanaryAfterFourGoodWeeks() {
    SloLedger ledger = SloLedger.of(new SloPolicy(28 * DAY, 0.999, 0, 0));
    // A canary every 5 minutes for 28 days, all good: 28 * 288 = 8064 events; then one that fails.
    long t = 0;
    for (int k = 1; k <= 8064; k++) {
      t = k * 5 * MIN;
      ledger.observe(t, 1, 1, t);
    }
    t += 5 * MIN;
    ledger.observe(t, 0, 1, t);
    ledger.advance(t);
    SloEvaluation e = ledger.evaluate(t);
    // t = 8065 * 5 min. The 28-day window is counted in whole 6h buckets, the 112 that start in (t - 28d, t] =
    // (5 min, t]: the first bucket [0, 6h), events 1..71, has left. Events 72..8065 remain: 7994, 1 bad.
    assertThat(e.window()).isEqualTo(new Counts(7993, 7994));
    // Budget: 1 - (1/7994) / 0.001 = 1 - 0.1250938 = 0.8749062.
    assertThat(e.errorBudgetRemaining()).isCloseTo(0.874906180, within(1e-9));
    // 5m: 1 event, bad: 1 / 0.001 = 1000. 30m: 6 events: (1/6) / 0.001 = 166.67. 1h: 12: 83.33.
    // 6h: 72: 13.89. 3d is counted in whole hourly buckets, those starting in (t - 72h, t] = (600h 5min, t]: from
    // 601h = 36060 min, events 7212..8065: 854, so (1/854) / 0.001 = 1.17096.
    assertThat(e.burnRates().m5()).isCloseTo(1000, within(1e-6));
    assertThat(e.burnRates().m30()).isCloseTo(166.6666667, within(1e-6));
    assertThat(e.burnRates().h1()).isCloseTo(83.3333333, within(1e-6));
    assertThat(e.burnRates().h6()).isCloseTo(13.8888889, within(1e-6));
    assertThat(e.burnRates().d3()).isCloseTo(1.1709602, within(1e-6));
    assertThat(e.alertState()).isEqualTo(AlertState.PAGE);
    // Nothing more comes: the next change is the bad event leaving the 5m window, 5 minutes on.
    assertThat(ledger.nextChange(t)).isEqualTo(t + 5 * MIN);
  }

  @Test
  void timeslicesCountGoodSlices() {
    // 1h window, target 90%, 5-minute slices that are good when at least half their events are.
    SloLedger ledger = SloLedger.of(new SloPolicy(Duration.ofHours(1).toMillis(), 0.9, 5 * MIN, 0.5));
    long base = 100 * DAY;
    // Slice [0,5m): 2 good. [5,10m): 1 good, 2 bad (1/3 < 0.5: bad). [10,15m): none. [15,20m): 1 good 1 bad (good).
    long[][] events = {{0, 1}, {1, 1}, {5, 1}, {6, 0}, {7, 0}, {15, 1}, {19, 0}};
    for (long[] e : events) {
      long at = base + e[0] * MIN;
      ledger.observe(at, e[1], 1, at);
      ledger.advance(at);
    }
    // The last slice is still open at 19 min: only two slices closed, one good.
    assertThat(ledger.evaluate(base + 19 * MIN).window()).isEqualTo(new Counts(1, 2));
    assertThat(ledger.nextChange(base + 19 * MIN)).isEqualTo(base + 20 * MIN);
    ledger.advance(base + 20 * MIN);
    SloEvaluation e = ledger.evaluate(base + 20 * MIN);
    // Three slices with events, two good: SLI 2/3; budget 1 - (1/3)/0.1 = -2.3333.
    assertThat(e.window()).isEqualTo(new Counts(2, 3));
    assertThat(e.sli()).isCloseTo(0.6666667, within(1e-6));
    assertThat(e.errorBudgetRemaining()).isCloseTo(-2.3333333, within(1e-6));
    // 5m holds the slice closed at 20 min (dated 19:59.999), good: 0. 30m holds all three: (1/3)/0.1 = 3.333.
    assertThat(e.burnRates().m5()).isZero();
    assertThat(e.burnRates().m30()).isCloseTo(3.3333333, within(1e-6));
  }
}

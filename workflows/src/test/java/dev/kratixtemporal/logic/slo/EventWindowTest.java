package dev.kratixtemporal.logic.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bucketed counts: sizes, trailing sums, expiry, and the size of the state. */
class EventWindowTest {
  static final long MIN = 60_000;

  @Test
  void ringSizesFollowTheWindow() {
    // 28d = 672h; the smallest bucket giving at most 120 buckets is 6h (672 / 6 = 112; 4h would give 168).
    EventWindow w = EventWindow.of(Duration.ofDays(28).toMillis());
    assertThat(w.rings).extracting(r -> r.bucketMillis / MIN, BucketRing::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 60), org.assertj.core.groups.Tuple.tuple(5L, 72),
            org.assertj.core.groups.Tuple.tuple(60L, 72), org.assertj.core.groups.Tuple.tuple(360L, 112));
    // 7d = 168h: 2h buckets, 84 of them; 1h: one-minute buckets; 90d = 2160h: daily buckets, 90.
    assertThat(EventWindow.of(Duration.ofDays(7).toMillis()).rings.get(3).bucketMillis).isEqualTo(120 * MIN);
    assertThat(EventWindow.of(Duration.ofDays(7).toMillis()).rings.get(3).size()).isEqualTo(84);
    assertThat(EventWindow.of(Duration.ofHours(1).toMillis()).rings.get(3).bucketMillis).isEqualTo(MIN);
    assertThat(EventWindow.of(Duration.ofDays(90).toMillis()).rings.get(3).size()).isEqualTo(90);
  }

  @Test
  void aTrailingWindowHoldsTheEventsAfterNowMinusW_upToNow() {
    EventWindow w = EventWindow.of(Duration.ofDays(28).toMillis());
    // One event a minute at 1..10 min, the one at 3 min bad.
    for (int m = 1; m <= 10; m++) w.add(m * MIN, m == 3 ? 0 : 1, 1);
    // At 10 min, 5m holds (5, 10]: the events at 6..10, all good.
    assertThat(w.trailing(10 * MIN, 5 * MIN)).isEqualTo(new Counts(5, 5));
    // 30m holds all ten, one bad.
    assertThat(w.trailing(10 * MIN, 30 * MIN)).isEqualTo(new Counts(9, 10));
    // At 13 min, 5m holds (8, 13]: the events at 9 and 10.
    assertThat(w.trailing(13 * MIN, 5 * MIN)).isEqualTo(new Counts(2, 2));
    // 6h (five-minute buckets [0,5) [5,10) [10,15)) and 3d (the hour [0,60)) see all ten.
    assertThat(w.trailing(13 * MIN, 360 * MIN)).isEqualTo(new Counts(9, 10));
    assertThat(w.trailing(13 * MIN, 3 * 1440 * MIN)).isEqualTo(new Counts(9, 10));
    // The oldest event in 30m (at 1 min) leaves it at 31 min; the oldest in 5m (at 6 min) at 11 min.
    assertThat(w.nextExpiry(10 * MIN, 30 * MIN)).isEqualTo(31 * MIN);
    assertThat(w.nextExpiry(10 * MIN, 5 * MIN)).isEqualTo(11 * MIN);
    assertThat(w.nextExpiry(100 * MIN, 5 * MIN)).isEqualTo(-1);
  }

  @Test
  void oldBucketsExpireAsNewOnesStart_andSumsInRangesReadTheFinestRingHoldingThem() {
    EventWindow w = EventWindow.of(Duration.ofDays(28).toMillis());
    w.add(0, 1, 1);
    w.add(60 * MIN, 0, 1);
    // The one-minute ring keeps 60 buckets: starting minute 60 overwrote minute 0.
    assertThat(w.rings.get(0).sum(0, 61 * MIN)).isEqualTo(new Counts(0, 1));
    // The five-minute ring still has both; a range starting at 0 is read from it.
    assertThat(w.range(0, 65 * MIN)).isEqualTo(new Counts(1, 2));
    // An event older than a ring keeps is dropped by that ring only.
    assertThat(w.rings.get(0).add(0, 1, 1)).isFalse();
    assertThat(w.rings.get(1).add(0, 1, 1)).isTrue();
    // A jump of more than a ring's span clears it whole.
    w.add(10 * 1440 * MIN, 1, 1);
    assertThat(w.rings.get(2).sum(0, 11 * 1440 * MIN)).isEqualTo(new Counts(1, 1));
    // The 28-day ring (6h buckets) has the events at 0, 60 min and 10 days.
    assertThat(w.trailing(10 * 1440 * MIN, Duration.ofDays(28).toMillis())).isEqualTo(new Counts(2, 3));
  }

  /** The state a 28-day SLO carries across continue-as-new, measured as the JSON payload Temporal stores. */
  @Test
  void twentyEightDaysOfEventsEveryFiveMinutesFitInAFewKilobytes() {
    SloLedger ledger = SloLedger.of(new SloPolicy(Duration.ofDays(28).toMillis(), 0.999, 0, 0));
    long start = 1_000 * 1440 * MIN;
    for (int k = 1; k <= 8064; k++) {
      long at = start + k * 5 * MIN;
      ledger.observe(at, k % 50 == 0 ? 0 : 1, 1, at);
      ledger.advance(at);
    }
    int bytes = DefaultDataConverter.STANDARD_INSTANCE.toPayload(ledger).orElseThrow().getData().size();
    System.out.println("SloLedger for 28 days, 8064 events: " + bytes + " bytes of JSON");
    assertThat(bytes).isLessThan(4096);
    SloLedger back = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
        DefaultDataConverter.STANDARD_INSTANCE.toPayload(ledger).orElseThrow(), SloLedger.class, SloLedger.class);
    long now = start + 8064 * 5 * MIN;
    assertThat(back.evaluate(now)).isEqualTo(ledger.evaluate(now));
    // The window is counted in whole 6h buckets, the 112 newest: those starting in (now - 28d, now]. now - 28d is
    // the start of the bucket holding events 1..71, which has left: events 72..8064 remain, 7993 of them, with the
    // bad ones 100, 150, ..., 8050: 161 - 1 = 160 bad.
    assertThat(back.evaluate(now).window()).isEqualTo(new Counts(7993 - 160, 7993));
  }
}

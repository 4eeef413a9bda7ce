package dev.kratixtemporal.logic.slo;

import java.util.ArrayList;
import java.util.List;

/**
 * Good and total counts over an SLO's rolling window, in rings of buckets of four sizes, so that each trailing
 * window of the burn-rate rules is summed to its own precision and the state stays small however long the window:
 * one-minute buckets for the last hour (5m, 30m, 1h), five-minute buckets for 6 hours, hourly buckets for 3 days, and
 * buckets sized for the SLO's window (at most {@value #MAX_WINDOW_BUCKETS} of them). A 28-day window keeps
 * 60 + 72 + 72 + 112 buckets (docs/slos.md gives the size). Each observation is counted in every ring.
 *
 * <p>A trailing window w at time now holds the buckets that start in (now - w, now]: an event at exactly now - w
 * has left it. With events at bucket boundaries the sums are exact; otherwise they are exact to a bucket.
 */
public class EventWindow {
  static final long MINUTE = 60_000;
  static final long HOUR = 60 * MINUTE;
  static final int MAX_WINDOW_BUCKETS = 120;
  private static final long[] WINDOW_BUCKETS = {MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE,
      30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR, 24 * HOUR};

  public long windowMillis;
  /** Finest first. */
  public List<BucketRing> rings = new ArrayList<>();

  public EventWindow() {}

  public static EventWindow of(long windowMillis) {
    EventWindow w = new EventWindow();
    w.windowMillis = windowMillis;
    w.rings.add(new BucketRing(MINUTE, 60));
    w.rings.add(new BucketRing(5 * MINUTE, 72));
    w.rings.add(new BucketRing(HOUR, 72));
    long size = WINDOW_BUCKETS[WINDOW_BUCKETS.length - 1];
    for (long b : WINDOW_BUCKETS) {
      if (ceilDiv(windowMillis, b) <= MAX_WINDOW_BUCKETS) {
        size = b;
        break;
      }
    }
    w.rings.add(new BucketRing(size, (int) ceilDiv(windowMillis, size)));
    return w;
  }

  public void add(long at, long good, long total) {
    for (BucketRing r : rings) r.add(at, good, total);
  }

  /** Lets buckets older than each ring keeps expire (they would be ignored anyway; this keeps the state clean). */
  public void advance(long now) {
    for (BucketRing r : rings) r.advance(now);
  }

  /** The events in (now - w, now], from the finest ring that holds that window to its own precision. */
  public Counts trailing(long now, long w) {
    return ringFor(w).sum(now - w + 1, now + 1);
  }

  /** The events in [from, to) from the finest ring whose buckets line up with both ends and that still holds from. */
  public Counts range(long from, long to) {
    for (BucketRing r : rings) {
      if (from % r.bucketMillis == 0 && to % r.bucketMillis == 0
          && Math.floorDiv(from, r.bucketMillis) > r.head - r.size()) {
        return r.sum(from, to);
      }
    }
    return rings.get(rings.size() - 1).sum(from, to);
  }

  /** When the oldest events in (now - w, now] leave that window, or -1 when it holds none. */
  public long nextExpiry(long now, long w) {
    long oldest = ringFor(w).oldestWithEvents(now - w + 1, now + 1);
    return oldest < 0 ? -1 : oldest + w;
  }

  private BucketRing ringFor(long w) {
    for (BucketRing r : rings) {
      if (w % r.bucketMillis == 0 && w / r.bucketMillis <= r.size()) return r;
    }
    for (BucketRing r : rings) {
      if (r.spanMillis() >= w) return r;
    }
    throw new IllegalArgumentException("no ring holds a window of " + w + " ms");
  }

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}

package dev.kratixtemporal.logic.slo;

/**
 * Good and total counts in buckets of one size, for the newest {@code size} buckets: bucket i holds the events at
 * times [i*bucketMillis, (i+1)*bucketMillis). Older buckets are overwritten as newer ones start (expiry costs
 * nothing). Public fields: it is workflow state, carried across continue-as-new as JSON.
 */
public class BucketRing {
  public long bucketMillis;
  /** The newest bucket's index; the ring holds the indexes (head - size, head]. */
  public long head = Long.MIN_VALUE;
  public long[] good;
  public long[] total;

  public BucketRing() {}

  public BucketRing(long bucketMillis, int size) {
    this.bucketMillis = bucketMillis;
    this.good = new long[size];
    this.total = new long[size];
  }

  public int size() {
    return good.length;
  }

  /** How far back the ring reaches. */
  public long spanMillis() {
    return bucketMillis * size();
  }

  /** @return false when the time is older than the ring keeps (nothing counted) */
  public boolean add(long at, long goodCount, long totalCount) {
    long i = Math.floorDiv(at, bucketMillis);
    advanceTo(i);
    if (i <= head - size()) return false;
    int p = (int) Math.floorMod(i, (long) size());
    good[p] += goodCount;
    total[p] += totalCount;
    return true;
  }

  /** Starts the buckets up to the one holding this time, clearing those they replace. */
  public void advance(long now) {
    advanceTo(Math.floorDiv(now, bucketMillis));
  }

  private void advanceTo(long i) {
    if (head == Long.MIN_VALUE) {
      head = i;
      return;
    }
    if (i <= head) return;
    long clear = Math.min(i - head, size());
    for (long k = 1; k <= clear; k++) {
      int p = (int) Math.floorMod(head + k, (long) size());
      good[p] = 0;
      total[p] = 0;
    }
    head = i;
  }

  /** The counts of the buckets that start in [from, to) and are still kept. */
  public Counts sum(long from, long to) {
    if (head == Long.MIN_VALUE) return Counts.NONE;
    long lo = Math.max(ceilDiv(from, bucketMillis), head - size() + 1);
    long hi = Math.min(ceilDiv(to, bucketMillis) - 1, head);
    long g = 0;
    long t = 0;
    for (long i = lo; i <= hi; i++) {
      int p = (int) Math.floorMod(i, (long) size());
      g += good[p];
      t += total[p];
    }
    return new Counts(g, t);
  }

  /** The start of the oldest bucket with events among those starting in [from, to), or -1. */
  public long oldestWithEvents(long from, long to) {
    if (head == Long.MIN_VALUE) return -1;
    long lo = Math.max(ceilDiv(from, bucketMillis), head - size() + 1);
    long hi = Math.min(ceilDiv(to, bucketMillis) - 1, head);
    for (long i = lo; i <= hi; i++) {
      if (total[(int) Math.floorMod(i, (long) size())] > 0) return i * bucketMillis;
    }
    return -1;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}

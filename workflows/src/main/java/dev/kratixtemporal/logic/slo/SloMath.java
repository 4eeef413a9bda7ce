package dev.kratixtemporal.logic.slo;

/** The formulas, each on its own so that a test can check it against a number worked out by hand. */
public final class SloMath {
  private SloMath() {}

  /** good / total; null when there were no events (nothing is known yet). */
  public static Double sli(Counts c) {
    return c.total() == 0 ? null : (double) c.good() / c.total();
  }

  /** 1 - (1 - SLI) / (1 - target): 1 with no errors, 0 when the budget is spent, negative past it. */
  public static double errorBudgetRemaining(Double sli, double target) {
    return sli == null ? 1 : 1 - (1 - sli) / (1 - target);
  }

  /** (1 - good/total) / (1 - target): how many times faster than the budget allows it is spent; 0 with no events. */
  public static double burnRate(Counts c, double target) {
    return c.total() == 0 ? 0 : (1 - (double) c.good() / c.total()) / (1 - target);
  }
}

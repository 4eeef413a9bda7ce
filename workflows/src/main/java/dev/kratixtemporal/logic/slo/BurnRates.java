package dev.kratixtemporal.logic.slo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Burn rates over the trailing windows of the multi-window, multi-burn-rate alert rules. */
public record BurnRates(double m5, double m30, double h1, double h6, double d3) {
  public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3));
  public static final double PAGE_FAST = 14.4;
  public static final double PAGE_SLOW = 6;
  public static final double TICKET = 1;

  /**
   * Google's SRE workbook (alerting on SLOs, multiwindow multi-burn-rate alerts): page when 1h and 5m both burn
   * above 14.4x (2% of a 30-day budget in an hour) or 6h and 30m both above 6x (5% in 6 hours); a ticket when 3d
   * and 6h both burn above 1x; otherwise ok.
   */
  public AlertState alertState() {
    if ((h1 > PAGE_FAST && m5 > PAGE_FAST) || (h6 > PAGE_SLOW && m30 > PAGE_SLOW)) return AlertState.PAGE;
    if (d3 > TICKET && h6 > TICKET) return AlertState.TICKET;
    return AlertState.OK;
  }

  /** Keyed 5m, 30m, 1h, 6h, 3d, in that order. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("5m", m5);
    m.put("30m", m30);
    m.put("1h", h1);
    m.put("6h", h6);
    m.put("3d", d3);
    return m;
  }
}

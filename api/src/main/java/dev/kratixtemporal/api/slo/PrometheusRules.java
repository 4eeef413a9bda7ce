package dev.kratixtemporal.api.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kratixtemporal.logic.slo.BurnRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus rule file for one SLO (docs/slos.md, "Prometheus"): recording rules for its burn rates over the alert
 * rules' windows, computed from the {@code kratix_slo_events_total} counters, and alerting rules with the same
 * thresholds as the SLO workflow's alert state (BurnRates). Pure: the text depends on the name, Promise and target.
 */
public final class PrometheusRules {
  /** The recording rule of a window, e.g. {@code kratix_slo:burn_rate:5m}. */
  public static final String RECORD_PREFIX = "kratix_slo:burn_rate:";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

  private PrometheusRules() {}

  /** @param slo a DNS label (Slo.parse checked it), safe inside a PromQL string */
  public static String of(String slo, String promise, double target) {
    String selector = "slo=\"" + slo + "\"";
    String budget = format(1 - target);
    List<Object> rules = new ArrayList<>();
    for (Duration w : BurnRates.WINDOWS) {
      String range = window(w);
      // The bad fraction over the window, divided by the fraction the objective allows.
      String expr = "(sum(increase(kratix_slo_events_total{" + selector + ",outcome=\"bad\"}[" + range + "]))"
          + " / sum(increase(kratix_slo_events_total{" + selector + "}[" + range + "]))) / " + budget;
      rules.add(ordered("record", RECORD_PREFIX + range, "expr", expr,
          "labels", ordered("slo", slo, "promise", promise)));
    }
    rules.add(alert(slo, promise, "page", "(" + above(selector, "1h", BurnRates.PAGE_FAST) + " and "
        + above(selector, "5m", BurnRates.PAGE_FAST) + ") or (" + above(selector, "6h", BurnRates.PAGE_SLOW) + " and "
        + above(selector, "30m", BurnRates.PAGE_SLOW) + ")"));
    rules.add(alert(slo, promise, "ticket", above(selector, "3d", BurnRates.TICKET) + " and "
        + above(selector, "6h", BurnRates.TICKET)));
    Map<String, Object> group = ordered("name", "kratix-slo-" + slo, "rules", rules);
    try {
      return YAML.writeValueAsString(Map.of("groups", List.of(group)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> alert(String slo, String promise, String severity, String expr) {
    return ordered("alert", "KratixSloBurnRate" + (severity.equals("page") ? "Page" : "Ticket"), "expr", expr,
        "labels", ordered("severity", severity, "slo", slo, "promise", promise),
        "annotations", ordered("summary", "SLO " + slo + " is burning its error budget (" + severity + ")"));
  }

  private static String above(String selector, String window, double threshold) {
    return RECORD_PREFIX + window + "{" + selector + "} > " + format(threshold);
  }

  /** 5m, 30m, 1h, 6h, 3d: Prometheus durations as the workflow's status names them. */
  static String window(Duration w) {
    if (w.toDays() > 0 && w.toHours() % 24 == 0) return w.toDays() + "d";
    if (w.toHours() > 0 && w.toMinutes() % 60 == 0) return w.toHours() + "h";
    return w.toMinutes() + "m";
  }

  /** A number as short as it is exact: 14.4, 6, 0.001 (no binary noise from 1 - 0.999). */
  static String format(double v) {
    return new java.math.BigDecimal(Double.toString(v)).round(new java.math.MathContext(12)).stripTrailingZeros()
        .toPlainString();
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }
}

package dev.kratixtemporal.api.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.listing.CachedStatuses;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SLOs' numbers on /actuator/prometheus (docs/slos.md, "Prometheus"), labelled {@code slo} and {@code promise}.
 * A collector of the Prometheus registry behind Micrometer's: its series come and go with the SLOs, and each scrape
 * reads the cached statuses of {@link CachedStatuses}, never a workflow.
 */
public class SloMetrics implements MultiCollector {
  public static final String SLI = "kratix_slo_sli";
  public static final String OBJECTIVE = "kratix_slo_objective";
  public static final String BUDGET = "kratix_slo_error_budget_remaining";
  public static final String BURN_RATE = "kratix_slo_burn_rate";
  /** Exposed as kratix_slo_events_total. */
  public static final String EVENTS = "kratix_slo_events";

  private final CachedStatuses snapshots;

  public SloMetrics(CachedStatuses snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder sli = GaugeSnapshot.builder().name(SLI)
        .help("Good fraction of the SLO's events (or slices) over its window; absent before the first event");
    GaugeSnapshot.Builder objective = GaugeSnapshot.builder().name(OBJECTIVE).help("The SLO's target");
    GaugeSnapshot.Builder budget = GaugeSnapshot.builder().name(BUDGET)
        .help("Error budget remaining: 1 untouched, 0 spent, negative when overspent");
    GaugeSnapshot.Builder burn = GaugeSnapshot.builder().name(BURN_RATE)
        .help("Burn rate over a trailing window: 1 spends the budget exactly over the SLO's window");
    CounterSnapshot.Builder events = CounterSnapshot.builder().name(EVENTS)
        .help("The SLO's events since it was created, by outcome");
    for (ObjectNode s : snapshots.current()) {
      String name = s.path("name").asText();
      String promise = s.path("promise").asText();
      Labels labels = Labels.of("slo", name, "promise", promise);
      if (s.path("sli").isNumber()) sli.dataPoint(gauge(labels, s.path("sli").asDouble()));
      objective.dataPoint(gauge(labels, s.path("objective").asDouble()));
      budget.dataPoint(gauge(labels, s.path("errorBudgetRemaining").asDouble()));
      for (Iterator<Map.Entry<String, JsonNode>> it = s.path("burnRates").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> w = it.next();
        burn.dataPoint(gauge(Labels.of("slo", name, "promise", promise, "window", w.getKey()), w.getValue().asDouble()));
      }
      long good = s.path("goodTotal").asLong();
      long all = s.path("eventsTotal").asLong();
      events.dataPoint(counter(Labels.of("slo", name, "promise", promise, "outcome", "good"), good));
      events.dataPoint(counter(Labels.of("slo", name, "promise", promise, "outcome", "bad"), all - good));
    }
    return new MetricSnapshots(sli.build(), objective.build(), budget.build(), burn.build(), events.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(SLI, OBJECTIVE, BUDGET, BURN_RATE, EVENTS);
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static CounterDataPointSnapshot counter(Labels labels, long value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}

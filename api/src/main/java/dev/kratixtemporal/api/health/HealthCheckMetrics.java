package dev.kratixtemporal.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.listing.CachedStatuses;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kratix_health_check_runs_total{promise, state}} on /actuator/prometheus (docs/health-checks.md): the runs
 * the HealthDefinitions' statuses count ({@code status.runs}), summed by Promise and state. Each scrape reads the
 * cached statuses of {@link CachedStatuses}, never a workflow.
 */
public class HealthCheckMetrics implements MultiCollector {
  /** Exposed as kratix_health_check_runs_total. */
  public static final String RUNS = "kratix_health_check_runs";

  private final CachedStatuses statuses;

  public HealthCheckMetrics(CachedStatuses statuses) {
    this.statuses = statuses;
  }

  @Override
  public MetricSnapshots collect() {
    Map<List<String>, Long> sums = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (ObjectNode d : statuses.current()) {
      String promise = d.path("spec").path("promiseRef").path("name").asText();
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("status").path("runs").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sums.merge(List.of(promise, e.getKey()), e.getValue().asLong(), Long::sum);
      }
    }
    CounterSnapshot.Builder runs = CounterSnapshot.builder().name(RUNS)
        .help("Health check runs of the Promise's HealthDefinitions, by the state they recorded");
    sums.forEach((k, n) -> runs.dataPoint(CounterDataPointSnapshot.builder()
        .labels(Labels.of("promise", k.get(0), "state", k.get(1))).value(n).build()));
    return new MetricSnapshots(runs.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(RUNS);
  }
}

package dev.kratixtemporal.api.health;

import dev.kratixtemporal.api.listing.CachedStatuses;
import dev.kratixtemporal.api.listing.ListScope;
import dev.kratixtemporal.api.listing.ObjectLister;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health checks' metrics (docs/health-checks.md). */
@Configuration
public class HealthCheckConfiguration {
  /** How old the HealthDefinition statuses behind a scrape may be: as for the SLOs. */
  static final Duration METRICS_MAX_AGE = Duration.ofSeconds(5);

  /** Registered with the Prometheus registry that /actuator/prometheus scrapes, when there is one. */
  @Bean
  public HealthCheckMetrics healthCheckMetrics(ObjectLister lister, ObjectProvider<PrometheusRegistry> prometheus) {
    HealthCheckMetrics metrics = new HealthCheckMetrics(CachedStatuses.of(lister, ListScope.healthDefinitions(),
        METRICS_MAX_AGE));
    prometheus.ifAvailable(r -> r.register(metrics));
    return metrics;
  }
}

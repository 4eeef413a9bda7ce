package dev.kratixtemporal.api.slo;

import dev.kratixtemporal.api.listing.CachedStatuses;
import dev.kratixtemporal.api.listing.ListScope;
import dev.kratixtemporal.api.listing.ObjectLister;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where OpenSLO documents are kept, and the SLOs' metrics (docs/slos.md). */
@Configuration
public class SloConfiguration {
  /** How old the SLO statuses behind a scrape may be. */
  static final Duration METRICS_MAX_AGE = Duration.ofSeconds(5);

  @Bean
  public OpenSloStore openSloStore(Path kratixDataDir) {
    return new OpenSloStore(kratixDataDir.resolve("openslo"));
  }

  /** Registered with the Prometheus registry that /actuator/prometheus scrapes, when there is one. */
  @Bean
  public SloMetrics sloMetrics(ObjectLister lister, ObjectProvider<PrometheusRegistry> prometheus) {
    SloMetrics metrics = new SloMetrics(CachedStatuses.of(lister, ListScope.slos(), METRICS_MAX_AGE));
    prometheus.ifAvailable(r -> r.register(metrics));
    return metrics;
  }
}

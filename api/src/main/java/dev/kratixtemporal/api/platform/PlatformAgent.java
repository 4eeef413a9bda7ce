package dev.kratixtemporal.api.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.catalog.TemporalCatalogActivities;
import dev.kratixtemporal.activities.statestore.StateStoreWriters;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.api.ApplyService;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.kratixtemporal.api.ApiProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platform's own GitOps agent, for compound Promises (Kratix docs: Compound Promises, marketplace, Promise Releases): Kratix registers the platform cluster as a
 * Destination and lets Flux apply what lands there. Here the Destination named by {@code kratix.platform.destination}
 * is read from its state store every {@code kratix.platform.sync-interval}; what it holds is applied through the same
 * {@link ApplyService} as the REST API, and what disappears from it is deleted, as Flux does with prune.
 */
@Component
@ConditionalOnExpression("!'${kratix.platform.destination:}'.isEmpty()")
public class PlatformAgent {
  private static final Logger log = LoggerFactory.getLogger(PlatformAgent.class);

  private final ApplyService applyService;
  private final StateStoreWriters stores;
  private final TemporalCatalogActivities catalog;
  private final String destination;
  private final Duration interval;
  private final PlatformSync sync = new PlatformSync();
  private final Map<String, String> rejected = new HashMap<>();
  private ScheduledExecutorService scheduler;

  public PlatformAgent(ApplyService applyService, StateStoreWriters stores, TemporalCatalogActivities catalog,
      ApiProperties settings) {
    this.applyService = applyService;
    this.stores = stores;
    this.catalog = catalog;
    this.destination = settings.platform().destination();
    this.interval = settings.platform().syncInterval();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kratix-platform-agent");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::syncQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("platform agent: applying what is scheduled to Destination {} every {}", destination, interval);
  }

  private void syncQuietly() {
    try {
      syncOnce();
    } catch (RuntimeException e) {
      log.warn("platform agent: {}", e.getMessage());
    }
  }

  /** One pass: apply what is new or changed, delete what went away. */
  void syncOnce() {
    DestinationState target = catalog.readyDestinations().stream()
        .filter(d -> d.destination().name().equals(destination)).findFirst().orElse(null);
    if (target == null) return;
    Map<String, String> files = stores.readAll(target.store(), StatePaths.join(target.destination().path(), ""));
    PlatformSync.Plan plan = sync.plan(files);
    for (ObjectNode doc : plan.toApply()) {
      String key = PlatformSync.key(doc);
      try {
        applyService.apply(KratixYaml.canonicalJson(doc));
        sync.applied(doc);
        rejected.remove(key);
      } catch (InvalidDocumentException e) {
        // Often only for now (a request whose Promise is not available yet): try again next pass, say it once.
        if (!e.getMessage().equals(rejected.put(key, e.getMessage()))) log.info("platform agent: {} not applied: {}", key, e.getMessage());
      }
    }
    for (ObjectNode doc : plan.toDelete()) {
      applyService.delete(doc);
      sync.deleted(doc);
      log.info("platform agent: {} left Destination {}; deleted", PlatformSync.key(doc), destination);
    }
  }

  /** For tests: what the agent has applied, by key. */
  List<String> appliedKeys() {
    return sync.appliedKeys();
  }
}

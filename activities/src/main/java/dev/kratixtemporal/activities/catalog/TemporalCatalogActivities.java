package dev.kratixtemporal.activities.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.CatalogActivities;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.StoreState;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.StateStore;
import dev.kratixtemporal.model.StoreRef;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import dev.kratixtemporal.workflow.StateStoreWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads Promises, Destinations and stores by querying their workflows. */
public class TemporalCatalogActivities implements CatalogActivities {
  private static final Logger log = LoggerFactory.getLogger(TemporalCatalogActivities.class);
  /** How long one Destination (its workflow and its store's) may take to answer before it counts as not ready. */
  public static final Duration DESTINATION_DEADLINE = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final PlatformSettings settings;
  private final Duration deadline;
  /** Queries run here, so that one that hangs holds only its own thread. */
  private final ExecutorService queries = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "catalog-query");
    t.setDaemon(true);
    return t;
  });

  public TemporalCatalogActivities(WorkflowClient client, PlatformSettings settings) {
    this(client, settings, DESTINATION_DEADLINE);
  }

  public TemporalCatalogActivities(WorkflowClient client, PlatformSettings settings, Duration deadline) {
    this.client = client;
    this.settings = settings;
    this.deadline = deadline;
  }

  @Override
  public PlatformSettings settings() {
    return settings;
  }

  /**
   * Asks every Destination at once; those that answer within the deadline (their store included) and are Ready
   * are returned. One that does not answer (a workflow stuck, a worker gone) counts as not ready for this delivery
   * and is asked again on the next, so it never blocks delivery to the others.
   */
  @Override
  public List<DestinationState> readyDestinations() {
    Catalog catalog = catalog();
    Map<String, StoreState> stores = new ConcurrentHashMap<>();
    List<CompletableFuture<DestinationState>> answers = new ArrayList<>();
    for (String name : catalog.destinations) {
      answers.add(CompletableFuture.supplyAsync(() -> readyDestination(name, catalog, stores), queries)
          .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Destination {} counts as not ready for this delivery: {}", name,
                cause instanceof TimeoutException ? "no answer within " + deadline : cause.toString());
            return null;
          }));
    }
    List<DestinationState> out = new ArrayList<>();
    for (CompletableFuture<DestinationState> answer : answers) {
      DestinationState d = answer.join();
      if (d != null) out.add(d);
    }
    return out;
  }

  private DestinationState readyDestination(String name, Catalog catalog, Map<String, StoreState> stores) {
    ObjectNode doc = client.newWorkflowStub(DestinationWorkflow.class, WorkflowIds.destination(name)).status();
    if (!Conditions.isTrue(doc.path("status"), Conditions.READY)) return null;
    Destination d = Destination.parse(doc);
    StoreState store = stores.computeIfAbsent(d.stateStoreRef().toString(), k -> store(d.stateStoreRef(), catalog));
    return store.ready() ? new DestinationState(d, store.store()) : null;
  }

  @Override
  public List<String> registeredDestinations() {
    return List.copyOf(catalog().destinations);
  }

  @Override
  public PromiseSnapshot promise(String name) {
    if (!catalog().promises.containsKey(name)) return PromiseSnapshot.missing();
    ObjectNode doc = client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(name)).status();
    boolean available = "Available".equals(doc.path("status").path("status").asText());
    List<String> versions = new ArrayList<>();
    doc.path("status").path("kratix").path("revisions").forEach(v -> versions.add(v.asText()));
    doc.remove("status");
    return new PromiseSnapshot(true, available, doc.path("metadata").path("generation").asLong(), doc, versions);
  }

  @Override
  public StoreState store(StoreRef ref) {
    return store(ref, catalog());
  }

  private StoreState store(StoreRef ref, Catalog catalog) {
    if (!catalog.stores.contains(ref.toString())) return new StoreState(false, false, ref + ": not found", null);
    ObjectNode doc = client.newWorkflowStub(StateStoreWorkflow.class, ref.workflowId()).status();
    boolean ready = Conditions.isTrue(doc.path("status"), Conditions.READY);
    return new StoreState(true, ready, ready ? "ready" : ref + ": not ready", StateStore.parse(doc));
  }

  private Catalog catalog() {
    return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM).catalog();
  }
}

package dev.kratixtemporal.activities.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.CatalogActivities;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.activity.PromiseVersion;
import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.activity.StoreState;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.StateStore;
import dev.kratixtemporal.model.StoreRef;
import dev.kratixtemporal.model.slo.SloRef;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import dev.kratixtemporal.workflow.StateStoreWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Promises, Destinations and stores by querying their workflows. The ready Destinations are the Platform's
 * snapshot: one query, never one per Destination, so a Destination whose workflow cannot answer blocks nobody
 * (docs/architecture.md, "Changes that carry data").
 */
public class TemporalCatalogActivities implements CatalogActivities {
  private final WorkflowClient client;
  private final PlatformSettings settings;
  /** Queries of a Promise's workflow, shared by the requests converging at the same moment. */
  private final SharedReads<String, PromiseSnapshot> promises = new SharedReads<>(this::readPromise);
  /** Each Promise's latest read, with its spec hash: what a converge its workflow asked for may be answered with. */
  private final Map<String, Read> lastRead = new ConcurrentHashMap<>();
  /** Queries of the Platform's catalog, shared the same way. */
  private final SharedReads<String, Catalog> catalogs = new SharedReads<>(id -> platform().catalog());

  public TemporalCatalogActivities(WorkflowClient client, PlatformSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public PlatformSettings settings() {
    return settings;
  }

  @Override
  public List<DestinationState> readyDestinations() {
    return destinations().destinations();
  }

  @Override
  public ReadyDestinations destinations() {
    return platform().readyDestinations();
  }

  @Override
  public List<String> registeredDestinations() {
    return List.copyOf(catalog().destinations);
  }

  @Override
  public PromiseSnapshot promise(String name, PromiseVersion seen) {
    Read last = lastRead.get(name);
    if (seen != null && last != null && seen.matches(last.snapshot(), last.specHash())) return last.snapshot();
    PromiseSnapshot read = promises.get(name);
    lastRead.put(name, new Read(read, read.exists() ? Hashing.specHash(Docs.spec(read.document())) : ""));
    return read;
  }

  private record Read(PromiseSnapshot snapshot, String specHash) {}

  private PromiseSnapshot readPromise(String name) {
    if (!catalog().promises.containsKey(name)) return PromiseSnapshot.missing();
    ObjectNode doc = client.newWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(name)).status();
    boolean available = "Available".equals(doc.path("status").path("status").asText());
    List<String> versions = new ArrayList<>();
    doc.path("status").path("kratix").path("revisions").forEach(v -> versions.add(v.asText()));
    // Its SLOs, which a request that starts learns from this read (docs/slos.md).
    List<SloRef> slos = SloRef.listFrom(doc.path("status"));
    doc.remove("status");
    return new PromiseSnapshot(true, available, doc.path("metadata").path("generation").asLong(), doc, versions, slos);
  }

  @Override
  public StoreState store(StoreRef ref) {
    if (!catalog().stores.contains(ref.toString())) return new StoreState(false, false, ref + ": not found", null);
    ObjectNode doc = client.newWorkflowStub(StateStoreWorkflow.class, ref.workflowId()).status();
    boolean ready = Conditions.isTrue(doc.path("status"), Conditions.READY);
    return new StoreState(true, ready, ready ? "ready" : ref + ": not ready", StateStore.parse(doc));
  }

  @Override
  public ObjectNode request(String workflowId) {
    try {
      io.temporal.client.WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
      // A completed workflow still answers queries: a deleted request must read as gone.
      if (stub.describe().getStatus() != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return null;
      }
      return stub.query("status", ObjectNode.class);
    } catch (io.temporal.client.WorkflowNotFoundException | io.temporal.client.WorkflowQueryRejectedException e) {
      // Deleted (its workflow completed or never ran): nothing to check.
      return null;
    }
  }

  private Catalog catalog() {
    return catalogs.get(WorkflowIds.PLATFORM);
  }

  private PlatformWorkflow platform() {
    return client.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }
}

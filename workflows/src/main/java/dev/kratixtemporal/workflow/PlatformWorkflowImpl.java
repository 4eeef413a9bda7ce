package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.model.PromiseApi;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * The catalog, the snapshot of ready Destinations, and the fan-out of a change to the workflows it affects
 * (docs/architecture.md, "Changes that carry data"). Handlers only record and enqueue; the loop sends.
 */
public class PlatformWorkflowImpl implements PlatformWorkflow {
  /** Histories recorded before: every change signalled every Promise or Destination, one at a time, without data. */
  static final String SNAPSHOTS = "ready-destination-snapshots";
  private static final String PROMISES = "promises";
  private static final String DESTINATIONS = "destinations";
  private static final String ALL_STORES = "stores";
  private static final String STORE = "store:";
  private static final String UNREPORTED = "unreported";

  private final Catalog catalog;
  /** Fan-outs to send from the main loop, so that handlers stay short. */
  private final Queue<String> fanOuts = new ArrayDeque<>();

  @WorkflowInit
  public PlatformWorkflowImpl(Catalog catalog) {
    this.catalog = catalog == null ? new Catalog() : catalog;
  }

  @Override
  public void run(Catalog ignored) {
    boolean snapshots = Workflow.getVersion(SNAPSHOTS, Workflow.DEFAULT_VERSION, 1) >= 1;
    // Objects registered by code from before the snapshots have not reported: ask them to.
    if (snapshots && (catalog.destinations.size() > catalog.destinationReports.size()
        || catalog.stores.size() > catalog.storeReports.size())) {
      enqueue(UNREPORTED);
    }
    while (true) {
      Workflow.await(() -> !fanOuts.isEmpty() || ContinueAsNew.due(null));
      if (fanOuts.isEmpty()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (fanOuts.isEmpty()) Workflow.continueAsNew(catalog);
        continue;
      }
      String what = fanOuts.poll();
      if (snapshots) send(what);
      else sendOneByOne(what);
    }
  }

  private void send(String what) {
    if (what.equals(PROMISES)) {
      toPromises(id -> promise(id).requirementsChanged());
    } else if (what.equals(DESTINATIONS)) {
      ReadyDestinations ready = catalog.ready;
      toPromises(id -> promise(id).destinationsChanged(ready));
    } else if (what.startsWith(STORE) || what.equals(ALL_STORES)) {
      String store = what.equals(ALL_STORES) ? null : what.substring(STORE.length());
      // Only the Destinations that write to this store recheck; one that never reported is told too.
      List<String> names = catalog.destinations.stream().filter(d -> {
        DestinationReport r = catalog.destinationReports.get(d);
        return store == null || r == null || r.destination().stateStoreRef().toString().equals(store);
      }).toList();
      toDestinations(names);
    } else if (what.equals(UNREPORTED)) {
      toDestinations(catalog.destinations.stream().filter(d -> !catalog.destinationReports.containsKey(d)).toList());
      List<String> stores = catalog.stores.stream().filter(s -> !catalog.storeReports.containsKey(s)).toList();
      for (List<String> batch : batches(stores)) {
        FanOut.send(batch, key -> Workflow.newExternalWorkflowStub(StateStoreWorkflow.class,
            WorkflowIds.store(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1))).reconcile());
      }
    }
  }

  private void toPromises(io.temporal.workflow.Functions.Proc1<String> signal) {
    for (List<String> batch : batches(List.copyOf(catalog.promises.keySet()))) {
      for (String gone : FanOut.send(batch, signal)) catalog.promises.remove(gone);
    }
  }

  private void toDestinations(List<String> names) {
    for (List<String> batch : batches(names)) {
      for (String gone : FanOut.send(batch, name -> destination(name).storeChanged())) {
        catalog.destinations.remove(gone);
        catalog.destinationReports.remove(gone);
      }
    }
  }

  private static List<List<String>> batches(List<String> all) {
    List<String> queue = new ArrayList<>(all);
    List<List<String>> out = new ArrayList<>();
    while (!queue.isEmpty()) out.add(FanOut.take(queue));
    return out;
  }

  /** The fan-out as histories recorded before the snapshots have it. */
  private void sendOneByOne(String what) {
    if (what.equals(PROMISES) || what.equals(DESTINATIONS)) {
      for (String name : List.copyOf(catalog.promises.keySet())) {
        try {
          if (what.equals(PROMISES)) promise(name).requirementsChanged();
          else promise(name).destinationsChanged(null);
        } catch (RuntimeException e) {
          catalog.promises.remove(name);
        }
      }
    } else {
      for (String destination : List.copyOf(catalog.destinations)) {
        try {
          destination(destination).storeChanged();
        } catch (RuntimeException e) {
          catalog.destinations.remove(destination);
        }
      }
    }
  }

  private static PromiseWorkflow promise(String name) {
    return Workflow.newExternalWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(name));
  }

  private static DestinationWorkflow destination(String name) {
    return Workflow.newExternalWorkflowStub(DestinationWorkflow.class, WorkflowIds.destination(name));
  }

  @Override
  public void promiseRegistered(String name, PromiseApi api) {
    catalog.promises.put(name, api);
  }

  @Override
  public void promiseAvailabilityChanged(String name) {
    enqueue(PROMISES);
  }

  @Override
  public void destinationRegistered(String name) {
    if (!catalog.destinations.contains(name)) catalog.destinations.add(name);
    enqueue(DESTINATIONS);
  }

  @Override
  public void destinationReported(DestinationReport report) {
    String name = report.destination().name();
    if (!catalog.destinations.contains(name)) catalog.destinations.add(name);
    catalog.destinationReports.put(name, report);
    if (catalog.refreshReady()) enqueue(DESTINATIONS);
  }

  @Override
  public void storeRegistered(String kind, String name) {
    String key = kind + "/" + name;
    if (!catalog.stores.contains(key)) catalog.stores.add(key);
    enqueue(ALL_STORES);
  }

  @Override
  public void storeReported(StoreReport report) {
    String key = report.key();
    if (!catalog.stores.contains(key)) catalog.stores.add(key);
    StoreReport before = catalog.storeReports.put(key, report);
    if (!report.equals(before)) enqueue(STORE + key);
    boolean rechecked = before != null && report.ready() && report.rechecks() > before.rechecks();
    if (catalog.refreshReady()) {
      enqueue(DESTINATIONS);
    } else if (rechecked) {
      // Asked to recheck (a Secret was applied) and still Ready: writes that waited for it try again.
      catalog.ready = new ReadyDestinations(catalog.ready.version() + 1, catalog.ready.destinations());
      enqueue(DESTINATIONS);
    }
  }

  @Override
  public void unregistered(String kind, String name) {
    switch (kind) {
      case "Promise" -> {
        catalog.promises.remove(name);
        enqueue(PROMISES);
      }
      case "Destination" -> {
        catalog.destinations.remove(name);
        catalog.destinationReports.remove(name);
        // Deletes that waited for this Destination are released: Promises and their requests hear of it, with a
        // new snapshot version even when the ready Destinations are the same.
        if (Workflow.getVersion("destination-gone-fans-out", Workflow.DEFAULT_VERSION, 1) >= 1) {
          if (!catalog.refreshReady()) catalog.ready = new ReadyDestinations(catalog.ready.version() + 1,
              catalog.ready.destinations());
          enqueue(DESTINATIONS);
        }
      }
      default -> {
        catalog.stores.remove(kind + "/" + name);
        catalog.storeReports.remove(kind + "/" + name);
      }
    }
    if (catalog.refreshReady()) enqueue(DESTINATIONS);
  }

  private void enqueue(String what) {
    if (!fanOuts.contains(what)) fanOuts.add(what);
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  @Override
  public ReadyDestinations readyDestinations() {
    return catalog.ready;
  }
}

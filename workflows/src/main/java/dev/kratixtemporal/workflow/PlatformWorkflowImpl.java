package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.PromiseApi;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/** The catalog, and the fan-out of "something changed" to the workflows that care. */
public class PlatformWorkflowImpl implements PlatformWorkflow {
  private final Catalog catalog;
  /** Fan-outs to send from the main loop, so that handlers stay short: "promises", "destinations" or "stores". */
  private final Queue<String> fanOuts = new ArrayDeque<>();

  @WorkflowInit
  public PlatformWorkflowImpl(Catalog catalog) {
    this.catalog = catalog == null ? new Catalog() : catalog;
  }

  @Override
  public void run(Catalog ignored) {
    while (true) {
      Workflow.await(() -> !fanOuts.isEmpty() || Workflow.getInfo().isContinueAsNewSuggested());
      if (fanOuts.isEmpty()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (fanOuts.isEmpty()) Workflow.continueAsNew(catalog);
        continue;
      }
      String what = fanOuts.poll();
      if (what.equals("promises")) {
        for (String promise : List.copyOf(catalog.promises.keySet())) {
          try {
            Workflow.newExternalWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(promise)).requirementsChanged();
          } catch (RuntimeException e) {
            catalog.promises.remove(promise);
          }
        }
      } else if (what.equals("destinations")) {
        for (String promise : List.copyOf(catalog.promises.keySet())) {
          try {
            Workflow.newExternalWorkflowStub(PromiseWorkflow.class, WorkflowIds.promise(promise)).destinationsChanged();
          } catch (RuntimeException e) {
            catalog.promises.remove(promise);
          }
        }
      } else {
        for (String destination : List.copyOf(catalog.destinations)) {
          try {
            Workflow.newExternalWorkflowStub(DestinationWorkflow.class, WorkflowIds.destination(destination)).storeChanged();
          } catch (RuntimeException e) {
            catalog.destinations.remove(destination);
          }
        }
      }
    }
  }

  @Override
  public void promiseRegistered(String name, PromiseApi api) {
    catalog.promises.put(name, api);
  }

  @Override
  public void promiseAvailabilityChanged(String name) {
    enqueue("promises");
  }

  @Override
  public void destinationRegistered(String name) {
    if (!catalog.destinations.contains(name)) catalog.destinations.add(name);
    enqueue("destinations");
  }

  @Override
  public void storeRegistered(String kind, String name) {
    String key = kind + "/" + name;
    if (!catalog.stores.contains(key)) catalog.stores.add(key);
    enqueue("stores");
  }

  @Override
  public void unregistered(String kind, String name) {
    switch (kind) {
      case "Promise" -> {
        catalog.promises.remove(name);
        enqueue("promises");
      }
      case "Destination" -> {
        catalog.destinations.remove(name);
        // Deletes that waited for this Destination are released: Promises and their requests hear of it.
        if (Workflow.getVersion("destination-gone-fans-out", Workflow.DEFAULT_VERSION, 1) >= 1) enqueue("destinations");
      }
      default -> catalog.stores.remove(kind + "/" + name);
    }
  }

  private void enqueue(String what) {
    if (!fanOuts.contains(what)) fanOuts.add(what);
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }
}

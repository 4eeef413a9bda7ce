package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.model.PromiseApi;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The catalog of Promises, Destinations and stores, and the snapshot of ready Destinations. The API lists objects
 * through Temporal's visibility; the catalog stands in where the server has none (docs/architecture.md, "Reads and
 * lists").
 */
@WorkflowInterface
public interface PlatformWorkflow {
  @WorkflowMethod
  void run(Catalog catalog);

  @SignalMethod
  void promiseRegistered(String name, PromiseApi api);

  /** Code from before ready-Destination snapshots; {@link #destinationReported} replaces it. */
  @SignalMethod
  void destinationRegistered(String name);

  /** A Destination's spec, labels or readiness changed (sent only on change). */
  @SignalMethod
  void destinationReported(DestinationReport report);

  /** A Promise became available or unavailable, or gained a version: Promises that require others recheck. */
  @SignalMethod
  void promiseAvailabilityChanged(String name);

  /** Code from before ready-Destination snapshots; {@link #storeReported} replaces it. */
  @SignalMethod
  void storeRegistered(String kind, String name);

  /** A state store's spec or readiness changed (sent only on change). */
  @SignalMethod
  void storeReported(StoreReport report);

  /** kind is Promise, Destination, GitStateStore or BucketStateStore. */
  @SignalMethod
  void unregistered(String kind, String name);

  @QueryMethod
  Catalog catalog();

  /** The Destinations work can be placed on now, with their stores. */
  @QueryMethod
  ReadyDestinations readyDestinations();
}

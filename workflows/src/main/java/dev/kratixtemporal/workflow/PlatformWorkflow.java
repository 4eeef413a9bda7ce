package dev.kratixtemporal.workflow;

import dev.kratixtemporal.model.PromiseApi;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The catalog of Promises, Destinations and stores. Listing does not depend on Temporal's visibility store,
 * which the embedded server lacks.
 */
@WorkflowInterface
public interface PlatformWorkflow {
  @WorkflowMethod
  void run(Catalog catalog);

  @SignalMethod
  void promiseRegistered(String name, PromiseApi api);

  @SignalMethod
  void destinationRegistered(String name);

  /** A Promise became available or unavailable, or gained a version: Promises that require others recheck. */
  @SignalMethod
  void promiseAvailabilityChanged(String name);

  @SignalMethod
  void storeRegistered(String kind, String name);

  /** kind is Promise, Destination, GitStateStore or BucketStateStore. */
  @SignalMethod
  void unregistered(String kind, String name);

  @QueryMethod
  Catalog catalog();
}

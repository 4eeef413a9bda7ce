package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.StoreRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads the current Destinations, stores and Promises from their workflows, so the result lands in history. */
@ActivityInterface
public interface CatalogActivities {
  /** Every registered Destination that is Ready, with its store (what histories recorded before snapshots call). */
  @ActivityMethod
  List<DestinationState> readyDestinations();

  /** The Platform's snapshot of ready Destinations: one query. */
  @ActivityMethod
  ReadyDestinations destinations();

  /** The names of every registered Destination, ready or not (a deleted one is not among them). */
  @ActivityMethod
  List<String> registeredDestinations();

  /**
   * The Promise as its workflow holds it now. With the version its workflow signalled, a read of that very version
   * made before may answer instead (histories recorded before recorded only the name as input: replay ignores it).
   */
  @ActivityMethod
  PromiseSnapshot promise(String name, PromiseVersion seen);

  @ActivityMethod
  StoreState store(StoreRef ref);

  /** A resource request as its workflow shows it (document and status); null when its workflow is not running. */
  @ActivityMethod
  com.fasterxml.jackson.databind.node.ObjectNode request(String workflowId);

  @ActivityMethod
  PlatformSettings settings();
}

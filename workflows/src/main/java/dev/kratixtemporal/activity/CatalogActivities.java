package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.StoreRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads the current Destinations, stores and Promises from their workflows, so the result lands in history. */
@ActivityInterface
public interface CatalogActivities {
  /** Every registered Destination that is Ready, with its store. */
  @ActivityMethod
  List<DestinationState> readyDestinations();

  @ActivityMethod
  PromiseSnapshot promise(String name);

  @ActivityMethod
  StoreState store(StoreRef ref);

  @ActivityMethod
  PlatformSettings settings();
}

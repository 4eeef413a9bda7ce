package dev.kratixtemporal.activity;

import dev.kratixtemporal.model.StateStore;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes to and checks state stores. Writes are idempotent: a retried write neither loses nor duplicates a file. */
@ActivityInterface
public interface StateStoreActivities {
  /** Applies the change and returns the commit that holds it (the current one when nothing changed). */
  @ActivityMethod
  String writeState(StoreChange change);

  /** Throws with Kratix's message when the store cannot be read or written. */
  @ActivityMethod
  void checkStore(StateStore store);
}

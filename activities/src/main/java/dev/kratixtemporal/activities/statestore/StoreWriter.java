package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.StateStore;
import java.util.Map;

/**
 * A kind of state store (Git, bucket): applies the changes a {@link dev.kratixtemporal.logic.DestinationLayout}
 * plans, reads back what is there, and checks readiness as Kratix does. Writes are idempotent: a retried write
 * neither loses nor duplicates a file.
 */
public interface StoreWriter<S extends StateStore> {
  /**
   * Applies the change with the contents its references name; returns the commit that holds it ("" where a store
   * has no commits). An unsafe path fails for good, naming it; a fault in the world is retried.
   */
  String write(S store, StoreChange change, BlobTexts contents);

  /** The files under a directory of the store (relative to its spec.path), by path from the store's root. */
  Map<String, String> read(S store, String directory);

  /** Throws with Kratix's condition reason and message when the store cannot be read or written. */
  void check(S store);
}

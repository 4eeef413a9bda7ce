package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activity.StateStoreActivities;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.BucketStateStore;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.StateStore;

/** The state-store activities: each change goes to the writer of its store's kind. */
public class StateStoreWriters implements StateStoreActivities {
  private final GitStateStoreWriter git;
  private final BucketStateStoreWriter bucket;

  public StateStoreWriters(GitStateStoreWriter git, BucketStateStoreWriter bucket) {
    this.git = git;
    this.bucket = bucket;
  }

  @Override
  public String writeState(StoreChange change) {
    if (change.store() instanceof BucketStateStore b) return bucket.write(b, change);
    return git.write((GitStateStore) change.store(), change);
  }

  @Override
  public void checkStore(StateStore store) {
    if (store instanceof BucketStateStore b) bucket.check(b);
    else git.check((GitStateStore) store);
  }
}

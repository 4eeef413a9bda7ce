package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activities.Heartbeats;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activity.StateStoreActivities;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.BucketStateStore;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.StateStore;
import java.util.Map;

/**
 * The state-store activities: each change's contents are read from the blob store, then the change goes to the
 * {@link StoreWriter} of its store's kind.
 */
public class StateStoreWriters implements StateStoreActivities {
  private final StoreWriter<GitStateStore> git;
  private final StoreWriter<BucketStateStore> bucket;
  private final BlobStore blobs;

  public StateStoreWriters(StoreWriter<GitStateStore> git, StoreWriter<BucketStateStore> bucket, BlobStore blobs) {
    this.git = git;
    this.bucket = bucket;
    this.blobs = blobs;
  }

  @Override
  public String writeState(StoreChange change) {
    // A write may wait for the one before it on the same repository: heartbeat meanwhile, so that a worker killed
    // mid-write hands the write to another in seconds.
    return Heartbeats.whileRunning(() -> {
      BlobTexts contents = BlobTexts.read(blobs, change);
      return change.store() instanceof BucketStateStore b
          ? bucket.write(b, change, contents) : git.write((GitStateStore) change.store(), change, contents);
    });
  }

  /**
   * What a GitOps agent would see: every file under a directory of the store (relative to its spec.path), by path
   * from the store's root. Not an activity: the platform's own agent reads with it.
   */
  public Map<String, String> readAll(StateStore store, String directory) {
    if (store instanceof BucketStateStore b) return bucket.read(b, directory);
    return git.read((GitStateStore) store, directory);
  }

  @Override
  public void checkStore(StateStore store) {
    if (store instanceof BucketStateStore b) bucket.check(b);
    else git.check((GitStateStore) store);
  }
}

package dev.kratixtemporal.activities.blobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes blobs no owner lists any more. A blob younger than the grace period stays even when unlisted: a
 * pipeline's outputs are put before the workflow adopts them and retains them (docs/blob-store.md).
 */
public class BlobSweeper {
  private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

  private final BlobStore store;
  private final Duration grace;
  private final Clock clock;

  public BlobSweeper(BlobStore store, Duration grace, Clock clock) {
    this.store = store;
    this.grace = grace;
    this.clock = clock;
  }

  /** One pass; returns how many blobs it deleted. */
  public int sweep() {
    // Roots first: a blob retained after this read was put (or put again) since, so it is young.
    Set<String> roots = store.roots();
    Instant cutoff = clock.instant().minus(grace);
    int deleted = 0;
    for (BlobStore.Blob blob : store.list()) {
      if (!roots.contains(blob.sha256()) && blob.modified().isBefore(cutoff)) {
        store.delete(blob.sha256());
        deleted++;
      }
    }
    if (deleted > 0) log.info("blob sweeper deleted {} unreferenced blobs", deleted);
    return deleted;
  }
}

package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activities.blobs.BlobMissingException;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.CorruptBlobException;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.FileRef;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The contents a change's references name, all read from the blob store before anything is written, so a missing
 * blob never leaves half a change behind.
 */
public final class BlobTexts {
  /** A reference names a blob that is not in the store: retrying cannot bring it back. */
  public static final String BLOB_MISSING = "BlobMissing";
  /** A stored blob's bytes no longer hash to its address. */
  public static final String BLOB_CORRUPT = "BlobCorrupt";

  private final Map<String, String> bySha;

  private BlobTexts(Map<String, String> bySha) {
    this.bySha = bySha;
  }

  /** Reads every blob the change needs; a missing or corrupt one fails for good, naming its sha256 and path. */
  public static BlobTexts read(BlobStore blobs, StoreChange change) {
    Map<String, String> texts = new HashMap<>();
    for (FileRef ref : change.refs()) {
      if (texts.containsKey(ref.sha256())) continue;
      try {
        texts.put(ref.sha256(), new String(blobs.get(ref.sha256()), StandardCharsets.UTF_8));
      } catch (BlobMissingException | CorruptBlobException | IllegalArgumentException e) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + " (wanted for " + ref.path() + ")",
            e instanceof CorruptBlobException ? BLOB_CORRUPT : BLOB_MISSING);
      }
    }
    return new BlobTexts(texts);
  }

  /** Contents given directly, for tests and for callers that hold them already. */
  public static BlobTexts of(Map<String, String> bySha) {
    return new BlobTexts(Map.copyOf(bySha));
  }

  public String of(FileRef ref) {
    String text = bySha.get(ref.sha256());
    if (text == null) throw new IllegalStateException("blob " + ref.sha256() + " for " + ref.path() + " was not read");
    return text;
  }
}

package dev.kratixtemporal.activity;

/**
 * What a Promise was when it told its requests to converge: the worker may answer their reads of it with the read it
 * made last, when that read shows this very Promise, instead of a query each (a thousand requests converging after an
 * update asked their Promise a thousand times).
 *
 * @param specHash {@link dev.kratixtemporal.logic.Hashing#specHash} of its spec: a Promise deleted and applied again
 *     starts again at generation 1
 */
public record PromiseVersion(long generation, boolean available, String specHash) {
  /** Whether the snapshot is this version of the Promise. */
  public boolean matches(PromiseSnapshot snapshot, String snapshotSpecHash) {
    return snapshot.exists() && snapshot.generation() == generation && snapshot.available() == available
        && specHash.equals(snapshotSpecHash);
  }
}

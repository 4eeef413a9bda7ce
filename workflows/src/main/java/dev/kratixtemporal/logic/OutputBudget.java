package dev.kratixtemporal.logic;

import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import java.util.Collection;

/**
 * How much pipeline output one object could carry in its workflow while outputs travelled in its state. Outputs
 * are now in the blob store and workflows carry references (docs/blob-store.md), so new runs no longer check it
 * (ConfigureRun's "output-budget" version 2); runs recorded under version 1 replay with the check, counting each
 * file's recorded size.
 */
public final class OutputBudget {
  /** Bytes of all the object's output files together. */
  public static final long LIMIT_BYTES = 1_500_000;

  private OutputBudget() {}

  /** Fails naming the sizes when the works together are over the budget. */
  public static void check(Collection<Work> works) {
    long total = 0;
    for (Work work : works) total += bytes(work);
    if (total > LIMIT_BYTES) {
      throw new InvalidDocumentException("/kratix/output", "the outputs of this object's pipelines hold " + total
          + " bytes once encoded, more than the " + LIMIT_BYTES + " bytes an object's workflow can carry");
    }
  }

  static long bytes(Work work) {
    long total = 0;
    for (WorkloadGroup group : work.groups()) {
      for (FileRef file : group.files()) total += file.size() + file.path().length();
    }
    return total;
  }
}

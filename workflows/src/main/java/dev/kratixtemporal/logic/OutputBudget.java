package dev.kratixtemporal.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.OutputFile;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import java.util.Collection;

/**
 * How much pipeline output one object may carry in its workflow. Until outputs move out of history, every Work's
 * files travel in the object's continue-as-new state, and Temporal refuses a payload over 2 MB: past this budget
 * the pipeline fails with a clear message instead of wedging the workflow (see docs/security.md).
 */
public final class OutputBudget {
  /** Encoded bytes of all the object's output files together; room is left for the rest of its state. */
  public static final long LIMIT_BYTES = 1_500_000;

  private OutputBudget() {}

  /** Fails naming the sizes when the works together are over the budget. */
  public static void check(Collection<Work> works) {
    long total = 0;
    for (Work work : works) total += encodedBytes(work);
    if (total > LIMIT_BYTES) {
      throw new InvalidDocumentException("/kratix/output", "the outputs of this object's pipelines hold " + total
          + " bytes once encoded, more than the " + LIMIT_BYTES + " bytes an object's workflow can carry");
    }
  }

  /** Files as they are encoded in workflow payloads (JSON strings: control characters take six bytes). */
  static long encodedBytes(Work work) {
    long total = 0;
    for (WorkloadGroup group : work.groups()) {
      for (OutputFile file : group.files()) {
        try {
          total += KratixYaml.JSON.writeValueAsBytes(file.content()).length + file.path().length();
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return total;
  }
}

package dev.kratixtemporal.api.kubernetes;

import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/** Why an apply through ApplyService failed: bad input (reported on the resource) or a passing condition (retried). */
public sealed interface ApplyFailure {
  String message();

  /** The document is wrong; applying it again would fail again. */
  record Rejected(String message) implements ApplyFailure {}

  /** Temporal unreachable, or the object is being deleted: try again later. */
  record Transient(String message) implements ApplyFailure {}

  static ApplyFailure of(RuntimeException e) {
    if (e instanceof InvalidDocumentException) return new Rejected(e.getMessage());
    if (e instanceof WorkflowUpdateException && e.getCause() instanceof ApplicationFailure af) {
      // The same split as ProblemHandler's: 409 Conflict (being deleted) against 422 (the validator said no).
      if ("Conflict".equals(af.getType())) return new Transient(af.getOriginalMessage());
      return new Rejected(af.getOriginalMessage());
    }
    return new Transient(String.valueOf(e));
  }
}

package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class ApplyFailureTest {
  private static final WorkflowExecution RUN = WorkflowExecution.newBuilder().setWorkflowId("promise/x").build();

  @Test
  void badInputIsRejectedAndADeletionInProgressRetried() {
    assertThat(ApplyFailure.of(new InvalidDocumentException("spec.value", "is required")))
        .isEqualTo(new ApplyFailure.Rejected("spec.value: is required"));
    assertThat(ApplyFailure.of(update(ApplicationFailure.newFailure("spec.api: cannot be removed", "InvalidDocumentException"))))
        .isEqualTo(new ApplyFailure.Rejected("spec.api: cannot be removed"));
    assertThat(ApplyFailure.of(update(ApplicationFailure.newFailure("the Promise is being deleted", "Conflict"))))
        .isEqualTo(new ApplyFailure.Transient("the Promise is being deleted"));
    assertThat(ApplyFailure.of(new IllegalStateException("UNAVAILABLE"))).isInstanceOf(ApplyFailure.Transient.class);
  }

  private static WorkflowUpdateException update(ApplicationFailure cause) {
    return new WorkflowUpdateException(RUN, "u1", "apply", cause);
  }
}

package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowStatusTest {
  private static final String T1 = "2024-01-01T00:00:00Z";
  private static final String T2 = "2024-01-01T00:05:00Z";

  private static JsonNode pipelines(ObjectNode status) {
    return status.path("kratix").path("workflows").path("pipelines");
  }

  @Test
  void resetSetsCountersAndEveryPhasePending() {
    ObjectNode status = Docs.newObject();

    WorkflowStatus.reset(status, List.of("first", "second"), T1);

    assertThat(status.path("workflows").asInt()).isEqualTo(2);
    assertThat(status.path("workflowsSucceeded").asInt()).isZero();
    assertThat(status.path("workflowsFailed").asInt()).isZero();
    assertThat(pipelines(status)).hasSize(2);
    assertThat(pipelines(status).get(0).path("name").asText()).isEqualTo("first");
    assertThat(pipelines(status).get(1).path("name").asText()).isEqualTo("second");
    for (JsonNode p : pipelines(status)) {
      assertThat(p.path("phase").asText()).isEqualTo(WorkflowStatus.PENDING);
      assertThat(p.path("lastTransitionTime").asText()).isEqualTo(T1);
    }
  }

  @Test
  void resetReplacesAPreviousRunAndClearsFailures() {
    ObjectNode status = Docs.newObject();
    WorkflowStatus.reset(status, List.of("a", "b", "c"), T1);
    WorkflowStatus.phase(status, 0, WorkflowStatus.FAILED, "boom", T1);
    status.put("workflowsFailed", 1);

    WorkflowStatus.reset(status, List.of("a"), T2);

    assertThat(status.path("workflowsFailed").asInt()).isZero();
    assertThat(pipelines(status)).hasSize(1);
    assertThat(pipelines(status).get(0).path("phase").asText()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(pipelines(status).get(0).has("message")).isFalse();
  }

  @Test
  void resetKeepsOtherStatusKeys() {
    ObjectNode status = Docs.newObject().put("message", "Pending");
    WorkflowStatus.kratix(status).put("other", "x");

    WorkflowStatus.reset(status, List.of("a"), T1);

    assertThat(status.path("message").asText()).isEqualTo("Pending");
    assertThat(status.path("kratix").path("other").asText()).isEqualTo("x");
  }

  @Test
  void phaseUpdatesOnePipelineWithMessageAndTime() {
    ObjectNode status = Docs.newObject();
    WorkflowStatus.reset(status, List.of("a", "b"), T1);

    WorkflowStatus.phase(status, 1, WorkflowStatus.FAILED, "exit 1", T2);

    assertThat(pipelines(status).get(0).path("phase").asText()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(pipelines(status).get(1).path("phase").asText()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(pipelines(status).get(1).path("message").asText()).isEqualTo("exit 1");
    assertThat(pipelines(status).get(1).path("lastTransitionTime").asText()).isEqualTo(T2);
  }

  @Test
  void phaseWithoutMessageClearsOldMessage() {
    ObjectNode status = Docs.newObject();
    WorkflowStatus.reset(status, List.of("a"), T1);
    WorkflowStatus.phase(status, 0, WorkflowStatus.FAILED, "exit 1", T1);

    WorkflowStatus.phase(status, 0, WorkflowStatus.RUNNING, null, T2);

    assertThat(pipelines(status).get(0).path("phase").asText()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(pipelines(status).get(0).has("message")).isFalse();
  }

  @Test
  void phaseOutOfRangeOrBeforeResetIsIgnored() {
    ObjectNode status = Docs.newObject();
    WorkflowStatus.phase(status, 0, WorkflowStatus.RUNNING, null, T1);
    assertThat(pipelines(status).isMissingNode()).isTrue();

    WorkflowStatus.reset(status, List.of("a"), T1);
    WorkflowStatus.phase(status, 5, WorkflowStatus.RUNNING, null, T2);
    assertThat(pipelines(status)).hasSize(1);
  }

  @Test
  void workflowsNodeIsCreatedUnderKratix() {
    ObjectNode status = Docs.newObject();

    ObjectNode workflows = WorkflowStatus.workflows(status);
    workflows.put("suspendedGeneration", 3);

    assertThat(status.path("kratix").path("workflows").path("suspendedGeneration").asInt()).isEqualTo(3);
    assertThat(WorkflowStatus.workflows(status)).isSameAs(workflows);
  }
}

package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

class CrStatusTest {
  private static final ObjectNode WORKFLOW = KratixYaml.parseOne("""
      message: Resource requested
      observedGeneration: 2
      conditions:
        - {type: Reconciled, status: "True", reason: Reconciled, message: Reconciled, lastTransitionTime: "2026-01-01T00:00:00Z"}
      kratix:
        workflows:
          pipelines: [{name: first, phase: Succeeded}]
      """);

  @Test
  void writesTheWorkflowStatusWithTheClustersGeneration() {
    GenerationMap generations = new GenerationMap();
    generations.record(2, 7);
    ObjectNode desired = CrStatus.desired(WORKFLOW, generations, null, null);
    assertThat(desired.path("observedGeneration").asLong()).isEqualTo(7);
    assertThat(desired.path("kratix").path("workflows").path("pipelines").get(0).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(WORKFLOW.path("observedGeneration").asLong()).as("the workflow's copy is left alone").isEqualTo(2);
  }

  @Test
  void keepsTheResourcesObservedGenerationWhenTheWorkflowsIsUnknownHere() {
    JsonNode current = KratixYaml.parseOne("observedGeneration: 4");
    assertThat(CrStatus.desired(WORKFLOW, new GenerationMap(), current, null).path("observedGeneration").asLong()).isEqualTo(4);
    assertThat(CrStatus.desired(WORKFLOW, new GenerationMap(), null, null).has("observedGeneration")).isFalse();
  }

  @Test
  void aRejectionAddsAnAcceptedFalseConditionAndTheMessage() {
    Rejection rejection = new Rejection("spec.value: is required", "2026-01-02T00:00:00Z");
    ObjectNode desired = CrStatus.desired(WORKFLOW, new GenerationMap(), null, rejection);
    assertThat(desired.path("message").asText()).isEqualTo("Rejected: spec.value: is required");
    JsonNode accepted = desired.path("conditions").get(1);
    assertThat(accepted.path("type").asText()).isEqualTo("Accepted");
    assertThat(accepted.path("status").asText()).isEqualTo("False");
    assertThat(accepted.path("reason").asText()).isEqualTo("InvalidDocument");
    assertThat(accepted.path("message").asText()).isEqualTo("spec.value: is required");
    assertThat(accepted.path("lastTransitionTime").asText()).isEqualTo("2026-01-02T00:00:00Z");

    ObjectNode onlyRejected = CrStatus.desired(null, new GenerationMap(), null, rejection);
    assertThat(onlyRejected.path("conditions")).hasSize(1);
  }

  @Test
  void nothingToWriteWithoutWorkflowOrRejection() {
    assertThat(CrStatus.desired(null, new GenerationMap(), null, null)).isNull();
  }

  @Test
  void differsIgnoresNumberRepresentationAndKeyOrder() {
    JsonNode a = KratixYaml.parseOne("{observedGeneration: 1, message: x}");
    ObjectNode b = KratixYaml.JSON.createObjectNode().put("message", "x").put("observedGeneration", 1L);
    assertThat(CrStatus.differs(a, b)).isFalse();
    assertThat(CrStatus.differs(a, b.put("message", "y"))).isTrue();
    assertThat(CrStatus.differs(null, b)).isTrue();
    assertThat(CrStatus.differs(a, null)).isFalse();
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.slo.Slo;
import dev.kratixtemporal.workflow.SloStatus;
import dev.kratixtemporal.workflow.SloWorkflow;
import dev.kratixtemporal.workflow.SloWorkflowState;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provisioning SLO counts real requests (docs/slos.md, "Where the events come from"): real dev server, real
 * pipelines writing to the Git store; the SLO tells its Promise, the Promise its requests, each request reports once
 * Reconciled.
 */
class SloFeedEndToEndTest extends EndToEndTest {
  static final String SLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: sf-e2e-provisioning}
      spec:
        indicator:
          metadata: {name: sf-e2e-provisioned}
          spec:
            ratioMetric:
              good: {metricSource: {type: kratix, spec: {promise: sf-e2e, sli: provisioning, within: 10m}}}
              total: {metricSource: {type: kratix, spec: {promise: sf-e2e, sli: provisioning, within: 10m}}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
      """;

  private void request(String name) {
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: SfE2e
        metadata: {name: %s, namespace: default}
        spec: {}
        """.formatted(name));
  }

  @Test
  void aProvisioningSloCountsEachRequestReconciledWithinItsThreshold() {
    api.applyOk(resource("later.yaml").replace("name: later\n", "name: sf-e2e\n")
        .replace("  destinationSelectors:\n    - matchLabels:\n        zone: later\n", "")
        .replace("name: later-system", "name: sf-e2e-system")
        .replace("laters.test.kratix.dev", "sfe2es.test.kratix.dev")
        .replace("kind: Later", "kind: SfE2e").replace("plural: laters", "plural: sfe2es")
        .replace("singular: later", "singular: sfe2e"));
    awaitAvailable("sf-e2e");
    // A request Reconciled before the SLO exists is counted by none.
    request("sf-e2e-before");
    eventually("sf-e2e-before Reconciled", () -> api.getOrNull("/api/v1/promises/sf-e2e/resources/default/sf-e2e-before"),
        r -> r != null && "True".equals(Status.condition(r, "Reconciled")));

    SloWorkflow started = temporal.newWorkflowStub(SloWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.slo("sf-e2e-provisioning")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(started::run, SloWorkflowState.of(Slo.parse(KratixYaml.parseOne(SLO), Map.of())));
    SloWorkflow slo = temporal.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo("sf-e2e-provisioning"));
    JsonNode promise = eventually("the Promise shows its SLO", () -> api.getOrNull("/api/v1/promises/sf-e2e"),
        p -> p.path("status").path("slos").size() == 1);
    JsonNode entry = promise.path("status").path("slos").get(0);
    assertThat(entry.path("name").asText()).isEqualTo("sf-e2e-provisioning");
    assertThat(entry.path("within").asText()).isEqualTo("10m");
    assertThat(entry.path("alertState").asText()).isEqualTo("ok");
    assertThat(Status.condition(promise, "ServiceLevelObjectivesMet")).isEqualTo("True");

    request("sf-e2e-one");
    request("sf-e2e-two");
    SloStatus status = eventually("two requests counted", slo::status, s -> s.totalEvents() >= 2);
    assertThat(status.totalEvents()).isEqualTo(2);
    assertThat(status.goodEvents()).isEqualTo(2);
    assertThat(status.sli()).isEqualTo(1.0);
    assertThat(status.attachment()).isEqualTo("attached to Promise sf-e2e");
    for (String name : new String[] {"sf-e2e-one", "sf-e2e-two"}) {
      assertThat(Status.condition(api.getOrNull("/api/v1/promises/sf-e2e/resources/default/" + name), "Reconciled"))
          .isEqualTo("True");
    }
    // Counted once each: nothing more comes.
    sleep(2000);
    assertThat(slo.status().totalEvents()).isEqualTo(2);

    slo.delete();
    eventually("the SLO leaves the Promise", () -> api.getOrNull("/api/v1/promises/sf-e2e"),
        p -> p.path("status").path("slos").isMissingNode());
  }
}

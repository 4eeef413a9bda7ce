package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.workflow.CanaryStatus;
import dev.kratixtemporal.workflow.CanaryWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A provisioning SLO's canaries (docs/slos.md, "Canaries"): real dev server, real pipelines, the local Git store. A
 * quiet Promise (no request of anyone's) is still measured: the canary's files land where Kratix puts that request's,
 * go away once the canary is deleted, and the SLO counts it.
 */
class CanaryEndToEndTest extends EndToEndTest {
  static final String SLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: cn-e2e-provisioning}
      spec:
        indicator:
          metadata: {name: cn-e2e-provisioned}
          spec:
            ratioMetric:
              good:
                metricSource:
                  type: kratix
                  spec:
                    promise: cn-e2e
                    sli: provisioning
                    within: 5m
                    canary: {interval: 1h, timeout: 5m, spec: {size: small}, destinationSelector: {environment: dev}}
              total: {metricSource: {type: kratix, spec: {promise: cn-e2e, sli: provisioning, within: 5m}}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
      """;
  /** Where Kratix writes the files of request cn-e2e-provisioning-canary-1 (namespace kratix-canaries, pipeline make). */
  static final String CANARY_FILE =
      "dev/resources/kratix-canaries/cn-e2e/cn-e2e-provisioning-canary-1/make/5058f/cm.yaml";

  @Test
  void aCanaryRunsThroughThePipelines_landsInTheStore_isDeleted_andIsCounted() {
    api.applyOk(resource("later.yaml").replace("name: later\n", "name: cn-e2e\n")
        .replace("  destinationSelectors:\n    - matchLabels:\n        zone: later\n", "")
        .replace("name: later-system", "name: cn-e2e-system")
        .replace("laters.test.kratix.dev", "cne2es.test.kratix.dev")
        .replace("kind: Later", "kind: CnE2e").replace("plural: laters", "plural: cne2es")
        .replace("singular: later", "singular: cne2e"));
    awaitAvailable("cn-e2e");
    api.applyOk(SLO);
    CanaryStatus applied = eventually("canary/cn-e2e-provisioning applies its first canary", this::canaryStatus,
        c -> c != null && c.applied() >= 1);
    assertThat(applied.inFlight()).isEqualTo("resource/cn-e2e/kratix-canaries/cn-e2e-provisioning-canary-1");

    List<String> files = eventually("the canary's files in the store", repo::files, f -> f.contains(CANARY_FILE));
    assertThat(files).contains(CANARY_FILE);
    assertThat(repo.read(CANARY_FILE)).contains("kind: ConfigMap").contains("name: cn-e2e-provisioning-canary-1");
    eventually("the canary deleted and its files gone", repo::files, f -> !f.contains(CANARY_FILE));
    JsonNode slo = eventually("the SLO counts the canary", () -> api.getOrNull("/api/v1/slos/cn-e2e-provisioning"),
        s -> s != null && s.path("status").path("goodEvents").asLong() >= 1);
    assertThat(slo.path("status").path("goodEvents").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(api.getOrNull("/api/v1/promises/cn-e2e/resources/kratix-canaries/cn-e2e-provisioning-canary-1")).isNull();

    CanaryStatus done = eventually("the canary counted Reconciled", this::canaryStatus, c -> c.reconciled() >= 1);
    assertThat(done.timedOut()).isZero();
    assertThat(api.delete("/api/v1/slos/cn-e2e-provisioning").status()).isEqualTo(202);
  }

  /** The canary workflow's own account; null before it answers. */
  private CanaryStatus canaryStatus() {
    try {
      return temporal.newWorkflowStub(CanaryWorkflow.class, WorkflowIds.canary("cn-e2e-provisioning")).status();
    } catch (RuntimeException e) {
      return null;
    }
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.LiveWorkflows;
import org.junit.jupiter.api.Test;

/**
 * HealthDefinitions (docs/health-checks.md) with real containers: each check runs at once on apply, then on its
 * schedule; its outcome becomes a HealthRecord of the running Promise version on the request.
 */
class HealthCheckTest extends EndToEndTest {
  private static final String REQUEST = "/api/v1/promises/hc-api/resources/default/hc-one";

  private static String promise(String version, String interval) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: hc-api
          labels: {kratix.io/promise-version: %s}
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: hcchecks.test.kratix.dev
            spec:
              group: test.kratix.dev
              names: {kind: HcCheck, plural: hcchecks, singular: hccheck}
              scope: Namespaced
              versions: [{name: v1alpha1, served: true, storage: true}]
          workflows:
            config: {reconciliationInterval: %s}
        """.formatted(version, interval);
  }

  /** A yearly schedule: within the test, only the run at apply (and a manual reconcile) happen. */
  private static String definition(String name, String script) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthDefinition
        metadata: {name: %s, namespace: default}
        spec:
          resourceRef: {name: hc-one, namespace: default}
          promiseRef: {name: hc-api}
          schedule: "0 0 1 1 *"
          workflow:
            apiVersion: platform.kratix.io/v1alpha1
            kind: Pipeline
            metadata: {name: probe}
            spec:
              containers:
                - name: probe
                  image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                  command: [sh, -c, '%s']
        """.formatted(name, script);
  }

  private JsonNode request() {
    return api.getOrNull(REQUEST);
  }

  private static JsonNode records(JsonNode request) {
    return request.path("status").path("healthStatus").path("healthRecords");
  }

  @Test
  void checksRunOnApplyTheirOutcomeIsTheRequestsHealthAndAPromiseUpdateResetsIt() {
    api.applyOk(promise("v1", "10h"));
    awaitAvailable("hc-api");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: HcCheck
        metadata: {name: hc-one, namespace: default}
        spec: {}
        """);
    eventually("request converged", this::request, r -> r != null && "v1".equals(r.path("status").path("promiseVersion").asText()));

    // Passing: the pipeline's health.yaml is the record, made for the version it was told.
    api.applyOk(definition("hc-ok", "printf \"state: healthy\\ndetails: {version: $KRATIX_PROMISE_VERSION, object: $KRATIX_OBJECT_NAME}\\n\" > /kratix/metadata/health.yaml"));
    JsonNode healthy = eventually("a healthy record", this::request, r -> records(r).size() == 1);
    JsonNode record = records(healthy).get(0);
    assertThat(record.path("state").asText()).isEqualTo("healthy");
    assertThat(record.path("promiseVersion").asText()).isEqualTo("v1");
    assertThat(record.path("details").path("version").asText()).isEqualTo("v1");
    assertThat(record.path("details").path("object").asText()).isEqualTo("hc-one");
    assertThat(record.path("source").path("name").asText()).isEqualTo("hc-ok");
    assertThat(record.path("lastRun").asLong()).isPositive();
    assertThat(healthy.path("status").path("healthStatus").path("state").asText()).isEqualTo("healthy");
    assertThat(Status.condition(healthy, "HealthChecksSucceeded")).isEqualTo("True");
    assertThat(Status.reason(healthy, "HealthChecksSucceeded")).isEqualTo("AllRecordsHealthy");

    // Failing: a container exiting non-zero makes the request unhealthy. Records are listed by namespace, then name.
    api.applyOk(definition("hc-bad", "echo probe failed; exit 3"));
    JsonNode unhealthy = eventually("an unhealthy record", this::request, r -> records(r).size() == 2);
    assertThat(records(unhealthy).findValuesAsText("name")).containsExactly("hc-bad", "hc-ok");
    assertThat(records(unhealthy).get(0).path("state").asText()).isEqualTo("unhealthy");
    assertThat(records(unhealthy).get(0).path("details").path("error").asText()).contains("exited with code 3");
    assertThat(unhealthy.path("status").path("healthStatus").path("state").asText()).isEqualTo("unhealthy");
    assertThat(Status.condition(unhealthy, "HealthChecksSucceeded")).isEqualTo("False");
    assertThat(Status.reason(unhealthy, "HealthChecksSucceeded")).isEqualTo("Unhealthy");

    // A new Promise version: records of v1 no longer count until checks of v2 report.
    api.applyOk(promise("v2", "11h"));
    JsonNode reset = eventually("health reset", this::request,
        r -> "v2".equals(r.path("status").path("promiseVersion").asText()));
    assertThat(reset.path("status").path("healthStatus").path("state").asText()).isEqualTo("unknown");
    assertThat(Status.condition(reset, "HealthChecksSucceeded")).isEqualTo("Unknown");
    assertThat(Status.reason(reset, "HealthChecksSucceeded")).isEqualTo("WaitingForRecords");
    temporal.newUntypedWorkflowStub("healthdefinition/default/hc-ok").signal("reconcile");
    JsonNode v2 = eventually("a record of v2", this::request,
        r -> records(r).findValuesAsText("promiseVersion").contains("v2"));
    assertThat(Status.reason(v2, "HealthChecksSucceeded")).isEqualTo("AllRecordsHealthy");
    assertThat(v2.path("status").path("healthStatus").path("state").asText()).isEqualTo("healthy");

    // The definitions go with their request.
    assertThat(api.delete(REQUEST).status()).isLessThan(300);
    eventually("definitions deleted", () -> LiveWorkflows.isRunning(temporal, "healthdefinition/default/hc-ok")
        || LiveWorkflows.isRunning(temporal, "healthdefinition/default/hc-bad"), running -> !running);
  }

  @Test
  void badDefinitionsAreRefusedNamingTheFieldAndNothingIsApplied() {
    api.applyOk(promise("v1", "10h").replace("hc-api", "hc-api2").replace("hcchecks", "hc2checks")
        .replace("HcCheck", "Hc2Check").replace("hccheck", "hc2check"));
    awaitAvailable("hc-api2");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Hc2Check
        metadata: {name: hc-one, namespace: default}
        spec: {}
        """);
    String good = definition("hc-good", "true").replace("hc-api", "hc-api2");
    String[][] cases = {
        {good.replace("\"0 0 1 1 *\"", "\"every hour\""), "spec.schedule"},
        {good.replace("resourceRef: {name: hc-one, namespace: default}", "resourceRef: {namespace: default}"), "spec.resourceRef.name"},
        {good.replace("resourceRef: {name: hc-one,", "resourceRef: {name: hc-nobody,"), "spec.resourceRef"},
        {good.replace("promiseRef: {name: hc-api2}", "promiseRef: {}"), "spec.promiseRef.name"},
        {good.replace("kind: Pipeline", "kind: Job"), "spec.workflow"},
        {good.replace("image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1", "image: NOT_AN_IMAGE"), "spec.workflow.spec.containers[0].image"},
    };
    for (String[] c : cases) {
      Api.Response r = api.apply(c[0]);
      assertThat(r.status()).as(c[1]).isEqualTo(422);
      assertThat(r.body().path("field").asText()).as(r.body().toString()).isEqualTo(c[1]);
    }
    // A file with a good definition and a bad one applies neither.
    Api.Response both = api.apply(good + "---\n" + cases[0][0].replace("hc-good", "hc-good2"));
    assertThat(both.status()).isEqualTo(422);
    assertThat(both.body().path("field").asText()).isEqualTo("documents[1].spec.schedule");
    assertThat(LiveWorkflows.isRunning(temporal, "healthdefinition/default/hc-good")).isFalse();
    assertThat(LiveWorkflows.isRunning(temporal, "healthdefinition/default/hc-good2")).isFalse();
    assertThat(Status.condition(api.getOrNull("/api/v1/promises/hc-api2/resources/default/hc-one"),
        "HealthChecksSucceeded")).as("no definition reached the request").isEmpty();
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HealthDefinitions read through the REST API (docs/health-checks.md): listed (and by Promise), read with their
 * schedule and last run, deleted, and their runs counted on /actuator/prometheus. Real containers run the checks.
 */
class HealthDefinitionApiTest extends EndToEndTest {
  private static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: wh-hc
        labels: {kratix.io/promise-version: v1}
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: whchecks.test.kratix.dev}
          spec:
            group: test.kratix.dev
            names: {kind: WhCheck, plural: whchecks, singular: whcheck}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
      """;

  /** A yearly schedule: within the test, only the run at apply happens. */
  private static String definition(String name, String script) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthDefinition
        metadata: {name: %s, namespace: default}
        spec:
          resourceRef: {name: wh-one, namespace: default}
          promiseRef: {name: wh-hc}
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

  @Test
  void definitionsAreListedReadWithTheirLastRun_countedOnPrometheus_andDeleted() throws Exception {
    api.applyOk(PROMISE);
    awaitAvailable("wh-hc");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: WhCheck
        metadata: {name: wh-one, namespace: default}
        spec: {}
        """);
    eventually("request converged", () -> api.getOrNull("/api/v1/promises/wh-hc/resources/default/wh-one"),
        r -> r != null && "v1".equals(r.path("status").path("promiseVersion").asText()));
    long before = System.currentTimeMillis();
    api.applyOk(definition("wh-ok", "true") + "---\n" + definition("wh-bad", "echo probe failed; exit 3"));

    // One read: the document and its status, the schedule, the last run and the next.
    JsonNode bad = eventually("wh-bad ran", () -> api.getOrNull("/api/v1/healthdefinitions/default/wh-bad"),
        d -> d != null && d.path("status").has("lastRunState") && d.path("status").has("nextScheduledTime"));
    assertThat(bad.path("spec").path("promiseRef").path("name").asText()).isEqualTo("wh-hc");
    JsonNode status = bad.path("status");
    assertThat(status.path("schedule").asText()).isEqualTo("0 0 1 1 *");
    assertThat(status.path("lastRunState").asText()).isEqualTo("unhealthy");
    assertThat(Instant.parse(status.path("lastRunTime").asText()).toEpochMilli()).isGreaterThanOrEqualTo(before - 1000);
    Instant next = Instant.parse(status.path("nextScheduledTime").asText());
    assertThat(next).isAfter(Instant.ofEpochMilli(before));
    assertThat(next.toString()).endsWith("-01-01T00:00:00Z");
    assertThat(Status.condition(bad, "LastRunSucceeded")).isEqualTo("False");
    eventually("wh-ok ran", () -> api.getOrNull("/api/v1/healthdefinitions/default/wh-ok"),
        d -> d != null && "healthy".equals(d.path("status").path("lastRunState").asText()));

    // Listed by namespace, then name; by Promise.
    assertThat(names("/api/v1/healthdefinitions")).containsSubsequence("wh-bad", "wh-ok");
    assertThat(names("/api/v1/healthdefinitions?promise=wh-hc")).containsExactly("wh-bad", "wh-ok");
    assertThat(names("/api/v1/healthdefinitions?promise=wh-nothing")).isEmpty();

    // Their runs on /actuator/prometheus (statuses are cached for a few seconds).
    eventually("runs scraped", () -> runs("healthy"), v -> v != null && v == 1.0);
    assertThat(runs("unhealthy")).isEqualTo(1.0);

    // Deleted: gone, and a read names it.
    assertThat(api.delete("/api/v1/healthdefinitions/default/wh-bad").status()).isEqualTo(202);
    eventually("wh-bad gone", () -> api.get("/api/v1/healthdefinitions/default/wh-bad").status(), s -> s == 404);
    Api.Response absent = api.get("/api/v1/healthdefinitions/default/wh-bad");
    assertThat(absent.body().path("detail").asText()).contains("HealthDefinition default/wh-bad");
    assertThat(api.delete("/api/v1/healthdefinitions/default/wh-never").status()).isEqualTo(404);
    assertThat(names("/api/v1/healthdefinitions?promise=wh-hc")).containsExactly("wh-ok");
    assertThat(api.delete("/api/v1/promises/wh-hc/resources/default/wh-one").status()).isLessThan(300);
  }

  private List<String> names(String path) {
    Api.Response r = api.get(path);
    assertThat(r.status()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.body().forEach(d -> out.add(d.path("metadata").path("name").asText()));
    return out;
  }

  private Double runs(String state) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return SloApiTest.value(r.body(), "kratix_health_check_runs_total", "promise=\"wh-hc\"", "state=\"" + state + "\"");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.workflow.Observation;
import dev.kratixtemporal.workflow.SloWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SLOs through the REST API (docs/slos.md): OpenSLO documents applied like any other, their numbers in GET, in the
 * list and on /actuator/prometheus, the Prometheus rules, and bad documents refused whole. Events are signalled to
 * the SLO's workflow with the Temporal client, as the request and health check workflows do.
 */
class SloApiTest extends EndToEndTest {
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata: {name: sa-db}
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: sadbs.test.kratix.dev}
          spec:
            group: test.kratix.dev
            names: {kind: SaDb, plural: sadbs, singular: sadb}
            scope: Namespaced
            versions:
              - name: v1alpha1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
      """;
  static final String INDICATOR = """
      ratioMetric:
        good: {metricSource: {type: kratix, spec: {promise: %1$s, sli: %2$s}}}
        total: {metricSource: {type: kratix, spec: {promise: %1$s, sli: %2$s}}}
      """;
  static final String SLI = """
      apiVersion: openslo/v1
      kind: SLI
      metadata: {name: %s}
      spec:
      %s""";
  static final String SLO_INLINE = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: %s}
      spec:
        indicator:
          metadata: {name: provisioned}
          spec:
      %s
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: %s}]
      """;
  static final String SLO_REF = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: %s}
      spec:
        indicatorRef: %s
        timeWindow: [{duration: 7d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
      """;

  static String indicator(String promise, String sli, int indent) {
    return INDICATOR.formatted(promise, sli).indent(indent);
  }

  static String inline(String name, String promise, String sli, String target) {
    return SLO_INLINE.formatted(name, indicator(promise, sli, 6).stripTrailing(), target);
  }

  @Test
  void slosAppliedInlineAndByReference_areListedReadAndScrapedWithTheirNumbers() throws Exception {
    api.applyOk(PROMISE);
    JsonNode applied = api.applyOk(inline("sa-inline", "sa-db", "provisioning", "0.9") + "---\n"
        + SLI.formatted("sa-health", indicator("sa-db", "health", 2)) + "---\n" + SLO_REF.formatted("sa-byref", "sa-health"));
    assertThat(applied.findValuesAsText("kind")).containsExactly("SLO", "SLI", "SLO");
    assertThat(applied.get(0).path("workflowId").asText()).isEqualTo("slo/sa-inline");

    List<JsonNode> listed = list("/api/v1/slos");
    JsonNode byref = listed.stream().filter(s -> s.path("name").asText().equals("sa-byref")).findFirst().orElseThrow();
    assertThat(byref.path("promise").asText()).isEqualTo("sa-db");
    assertThat(byref.path("indicator").asText()).isEqualTo("health");
    assertThat(byref.path("objective").asDouble()).isEqualTo(0.99);
    assertThat(byref.path("sli").isNull()).as("no event yet").isTrue();
    assertThat(byref.path("errorBudgetRemaining").asDouble()).isEqualTo(1.0);
    assertThat(listed.stream().map(s -> s.path("name").asText())).contains("sa-inline", "sa-byref");
    assertThat(api.get("/api/v1/slis/sa-health").body().path("spec").path("ratioMetric").path("good")
        .path("metricSource").path("spec").path("sli").asText()).isEqualTo("health");

    // Three good events and a bad one: SLI 0.75; budget 1 - 0.25 / 0.1 = -1.5; every burn rate 2.5: ticket.
    long now = System.currentTimeMillis();
    temporal.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo("sa-inline")).observeAll(List.of(
        new Observation(now, true), new Observation(now, true), new Observation(now, false), new Observation(now, true)));
    JsonNode slo = eventually("sa-inline counted its events", () -> api.getOrNull("/api/v1/slos/sa-inline"),
        s -> s != null && s.path("status").path("totalEvents").asLong() == 4);
    assertThat(slo.path("spec").path("objectives").get(0).path("target").asDouble()).as("the document as applied")
        .isEqualTo(0.9);
    JsonNode status = slo.path("status");
    assertThat(status.path("sli").asDouble()).isEqualTo(0.75);
    assertThat(status.path("errorBudgetRemaining").asDouble()).isCloseTo(-1.5, within(1e-9));
    assertThat(status.path("burnRates").path("1h").asDouble()).isCloseTo(2.5, within(1e-9));
    assertThat(status.path("alertState").asText()).isEqualTo("ticket");
    assertThat(status.path("goodTotal").asLong()).isEqualTo(3);
    assertThat(status.path("eventsTotal").asLong()).isEqualTo(4);

    // The same numbers on /actuator/prometheus (statuses are cached for a few seconds).
    String inlineSeries = "slo=\"sa-inline\"";
    eventually("sa-inline's events scraped", () -> scrape("kratix_slo_events_total", inlineSeries, "outcome=\"good\""),
        v -> v != null && v == 3.0);
    String text = prometheus();
    assertThat(value(text, "kratix_slo_events_total", inlineSeries, "outcome=\"bad\"")).isEqualTo(1.0);
    assertThat(value(text, "kratix_slo_sli", inlineSeries, "promise=\"sa-db\"")).isEqualTo(0.75);
    assertThat(value(text, "kratix_slo_objective", inlineSeries)).isEqualTo(0.9);
    assertThat(value(text, "kratix_slo_error_budget_remaining", inlineSeries)).isCloseTo(-1.5, within(1e-9));
    assertThat(value(text, "kratix_slo_burn_rate", inlineSeries, "window=\"5m\"")).isCloseTo(2.5, within(1e-9));
    assertThat(value(text, "kratix_slo_objective", "slo=\"sa-byref\"")).isEqualTo(0.99);
    assertThat(value(text, "kratix_slo_sli", "slo=\"sa-byref\"")).as("no event yet: no SLI").isNull();

    HttpResponse<String> rules = raw("/api/v1/slos/sa-inline/prometheus-rules");
    assertThat(rules.statusCode()).isEqualTo(200);
    JsonNode group = KratixYaml.YAML.readTree(rules.body()).path("groups").get(0);
    assertThat(group.path("rules").get(0).path("expr").asText()).contains("slo=\"sa-inline\"").contains("[5m]")
        .endsWith("/ 0.1");

    // Applied again with another target: the events stay, judged anew (1 - 0.25 / 0.5 = 0.5).
    api.applyOk(inline("sa-inline", "sa-db", "provisioning", "0.5"));
    eventually("sa-inline under its new target", () -> api.getOrNull("/api/v1/slos/sa-inline"),
        s -> s.path("status").path("objective").asDouble() == 0.5
            && Math.abs(s.path("status").path("errorBudgetRemaining").asDouble() - 0.5) < 1e-9
            && s.path("status").path("totalEvents").asLong() == 4);

    // An SLI an SLO names cannot go; once the SLO has gone, it can.
    Api.Response refused = api.delete("/api/v1/slis/sa-health");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText()).contains("sa-byref");
    assertThat(api.delete("/api/v1/slos/sa-byref").status()).isEqualTo(202);
    eventually("sa-byref gone", () -> api.get("/api/v1/slos/sa-byref").status(), s -> s == 404);
    assertThat(list("/api/v1/slos").stream().map(s -> s.path("name").asText())).doesNotContain("sa-byref");
    assertThat(api.delete("/api/v1/slis/sa-health").status()).isEqualTo(204);
    assertThat(api.get("/api/v1/slis/sa-health").status()).isEqualTo(404);
    Api.Response absent = api.get("/api/v1/slos/sa-never");
    assertThat(absent.status()).isEqualTo(404);
    assertThat(absent.body().path("detail").asText()).contains("SLO sa-never");
    assertThat(api.delete("/api/v1/slos/sa-inline").status()).isEqualTo(202);
  }

  @Test
  void badDocumentsAreRefusedWhole_namingTheField() {
    api.applyOk(PROMISE);
    String goodSli = SLI.formatted("sa-bad-sli", indicator("sa-db", "health", 2));
    refused(goodSli + "---\n" + inline("sa-bad-target", "sa-db", "provisioning", "1.5"),
        "documents[1].spec.objectives[0].target", "must be between 0 and 1");
    refused(goodSli + "---\n" + inline("sa-bad-kind", "sa-db", "latency", "0.9"),
        "documents[1].spec.indicator.spec.ratioMetric.good.metricSource.spec.sli", "latency");
    refused(goodSli + "---\n" + SLO_REF.formatted("sa-bad-ref", "sa-nothing"), "documents[1].spec.indicatorRef",
        "no SLI named 'sa-nothing'");
    refused(goodSli + "---\n" + inline("sa-bad-promise", "sa-nopromise", "provisioning", "0.9"),
        "documents[1].spec.indicator.spec.ratioMetric.good.metricSource.spec.promise", "no Promise named 'sa-nopromise'");
    refused(SLI.formatted("sa-bad-sli2", indicator("sa-nopromise", "health", 2)),
        "spec.ratioMetric.good.metricSource.spec.promise", "sa-nopromise");
    // Nothing of those files was applied: not the SLI that was fine, nor any SLO.
    assertThat(api.get("/api/v1/slis/sa-bad-sli").status()).isEqualTo(404);
    for (String slo : List.of("sa-bad-target", "sa-bad-kind", "sa-bad-ref", "sa-bad-promise")) {
      assertThat(api.get("/api/v1/slos/" + slo).status()).as(slo).isEqualTo(404);
    }
  }

  private void refused(String yaml, String field, String message) {
    Api.Response r = api.apply(yaml);
    assertThat(r.status()).as(yaml).isEqualTo(422);
    assertThat(r.body().path("field").asText()).isEqualTo(field);
    assertThat(r.body().path("detail").asText()).contains(message);
  }

  private List<JsonNode> list(String path) {
    Api.Response r = api.get(path);
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> out = new java.util.ArrayList<>();
    r.body().forEach(out::add);
    return out;
  }

  private HttpResponse<String> raw(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String prometheus() {
    HttpResponse<String> r = raw("/actuator/prometheus");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private Double scrape(String metric, String... labels) {
    return value(prometheus(), metric, labels);
  }

  /** The value of the one series of the metric whose labels include all those given; null when none. */
  static Double value(String exposition, String metric, String... labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(exposition);
    Double found = null;
    while (m.find()) {
      String set = m.group(1);
      boolean all = true;
      for (String l : labels) all &= set.contains(l);
      if (!all) continue;
      assertThat(found).as("one series of " + metric + " with " + List.of(labels)).isNull();
      found = Double.parseDouble(m.group(2));
    }
    return found;
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

/** Day two: updates, reconciliation, pausing and deletion keep converging (spec sections 3 and 4). */
class DayTwoTest extends EndToEndTest {
  private static final String BASE = "/api/v1/promises/evolve/resources/default/";
  private static final String FILES = "dev/resources/default/evolve/";

  private JsonNode applyEvolvePromise() {
    api.applyOk(resource("evolve.yaml"));
    return awaitAvailable("evolve");
  }

  private static String request(String name, String colour, boolean extra, String labels) {
    return """
        apiVersion: test.kratix.dev/v1alpha1
        kind: Evolve
        metadata:
          name: %s
          namespace: default
          labels: {%s}
        spec:
          colour: %s
          extra: %s
        """.formatted(name, labels, colour, extra);
  }

  private JsonNode waitForRuns(String name, int runs) {
    return eventually(name + " reconciled after run " + runs, () -> api.getOrNull(BASE + name),
        r -> r != null && r.path("status").path("runs").asInt() == runs && Status.condition(r, "Reconciled").equals("True"));
  }

  @Test
  void aSpecUpdateRerunsAndReplacesFilesButALabelChangeRerunsNothing() {
    applyEvolvePromise();
    api.applyOk(request("shifting", "red", true, ""));
    waitForRuns("shifting", 1);
    String dir = FILES + "shifting/render/5058f/";
    assertThat(repo.files()).contains(dir + "main.yaml", dir + "extra.yaml");

    JsonNode applied = api.applyOk(request("shifting", "blue", false, "")).get(0);
    assertThat(applied.path("generation").asLong()).isEqualTo(2);
    JsonNode rr = waitForRuns("shifting", 2);
    assertThat(rr.path("status").path("observedGeneration").asLong()).isEqualTo(2);
    assertThat(repo.files()).contains(dir + "main.yaml").doesNotContain(dir + "extra.yaml");
    assertThat(KratixYaml.parseOne(repo.read(dir + "main.yaml")).path("data").path("colour").asText()).isEqualTo("blue");

    JsonNode relabelled = api.applyOk(request("shifting", "blue", false, "team: a")).get(0);
    assertThat(relabelled.path("generation").asLong()).isEqualTo(2);
    sleep(3000);
    JsonNode after = api.getOrNull(BASE + "shifting");
    assertThat(after.path("metadata").path("labels").path("team").asText()).isEqualTo("a");
    assertThat(after.path("status").path("runs").asInt()).isEqualTo(2);
  }

  @Test
  void manualReconciliationRerunsByApiAndByLabel() {
    applyEvolvePromise();
    api.applyOk(request("nudged", "green", false, ""));
    waitForRuns("nudged", 1);
    assertThat(api.post(BASE + "nudged/reconcile").status()).isEqualTo(202);
    waitForRuns("nudged", 2);

    api.applyOk(request("nudged", "green", false, "kratix.io/manual-reconciliation: \"true\""));
    JsonNode rr = waitForRuns("nudged", 3);
    // Kratix removes the label once it has acted on it.
    assertThat(rr.path("metadata").path("labels").has("kratix.io/manual-reconciliation")).isFalse();
  }

  @Test
  void aPausedRequestRunsNothingUntilTheLabelIsRemoved() {
    applyEvolvePromise();
    api.applyOk(request("held", "red", false, ""));
    waitForRuns("held", 1);
    api.applyOk(request("held", "yellow", false, "kratix.io/paused: \"true\""));
    JsonNode paused = eventually("held paused", () -> api.getOrNull(BASE + "held"),
        r -> Status.reason(r, "Reconciled").equals("PausedReconciliation"));
    assertThat(Status.condition(paused, "Reconciled")).isEqualTo("Unknown");
    sleep(3000);
    assertThat(api.getOrNull(BASE + "held").path("status").path("runs").asInt()).isEqualTo(1);

    api.applyOk(request("held", "yellow", false, ""));
    waitForRuns("held", 2);
    assertThat(KratixYaml.parseOne(repo.read(FILES + "held/render/5058f/main.yaml")).path("data").path("colour").asText())
        .isEqualTo("yellow");
  }

  @Test
  void aPromiseUpdateConvergesEveryRequestAndItsDeletionRemovesEverything() {
    api.applyOk(resource("evolve.yaml").replace("name: evolve\n", "name: evolve2\n")
        .replace("evolves.test.kratix.dev", "evolve2s.test.kratix.dev").replace("kind: Evolve", "kind: Evolve2")
        .replace("plural: evolves", "plural: evolve2s").replace("singular: evolve", "singular: evolve2"));
    awaitAvailable("evolve2");
    String base = "/api/v1/promises/evolve2/resources/default/";
    for (String name : new String[] {"one", "two", "three"}) {
      api.applyOk(request(name, "red", false, "").replace("kind: Evolve", "kind: Evolve2"));
    }
    for (String name : new String[] {"one", "two", "three"}) {
      eventually(name + " Reconciled", () -> api.getOrNull(base + name),
          r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    }

    api.applyOk(resource("evolve.yaml").replace("name: evolve\n", "name: evolve2\n")
        .replace("evolves.test.kratix.dev", "evolve2s.test.kratix.dev").replace("kind: Evolve", "kind: Evolve2")
        .replace("plural: evolves", "plural: evolve2s").replace("singular: evolve", "singular: evolve2")
        .replace("value: first", "value: second"));
    for (String name : new String[] {"one", "two", "three"}) {
      JsonNode rr = eventually(name + " converged to generation 2", () -> api.getOrNull(base + name),
          r -> r.path("status").path("kratix").path("promiseGeneration").asLong() == 2
              && Status.condition(r, "Reconciled").equals("True"));
      assertThat(rr.path("status").path("runs").asInt()).isEqualTo(2);
      String file = "dev/resources/default/evolve2/" + name + "/render/5058f/main.yaml";
      assertThat(KratixYaml.parseOne(repo.read(file)).path("data").path("edition").asText()).isEqualTo("second");
    }

    assertThat(api.delete("/api/v1/promises/evolve2").status()).isEqualTo(202);
    eventually("evolve2 gone", () -> api.get("/api/v1/promises/evolve2").status(), s -> s == 404);
    assertThat(repo.files()).noneMatch(f -> f.contains("/evolve2/"));
    Api.Response refused = api.apply(request("four", "red", false, "").replace("kind: Evolve", "kind: Evolve2"));
    assertThat(refused.status()).isEqualTo(422);
  }

  @Test
  void theReconcileResourcesLabelRerunsEveryRequestOfThePromise() {
    String evolve3 = resource("evolve.yaml").replace("name: evolve\n", "name: evolve3\n")
        .replace("evolves.test.kratix.dev", "evolve3s.test.kratix.dev").replace("kind: Evolve", "kind: Evolve3")
        .replace("plural: evolves", "plural: evolve3s").replace("singular: evolve", "singular: evolve3");
    api.applyOk(evolve3);
    awaitAvailable("evolve3");
    String base = "/api/v1/promises/evolve3/resources/default/";
    for (String name : new String[] {"a", "b"}) api.applyOk(request(name, "red", false, "").replace("kind: Evolve", "kind: Evolve3"));
    for (String name : new String[] {"a", "b"}) {
      eventually(name + " ran once", () -> api.getOrNull(base + name),
          r -> r != null && r.path("status").path("runs").asInt() == 1 && Status.condition(r, "Reconciled").equals("True"));
    }
    JsonNode applied = api.applyOk(evolve3.replace("  name: evolve3\n", "  name: evolve3\n  labels:\n    kratix.io/reconcile-resources: \"true\"\n")).get(0);
    assertThat(applied.path("generation").asLong()).isEqualTo(1);
    for (String name : new String[] {"a", "b"}) {
      eventually(name + " ran again", () -> api.getOrNull(base + name), r -> r.path("status").path("runs").asInt() == 2);
    }
    assertThat(api.getOrNull("/api/v1/promises/evolve3").path("metadata").path("labels").has("kratix.io/reconcile-resources"))
        .isFalse();
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Destination label changes and deletion (spec 6.4, 7.5). */
class DestinationChangesTest extends EndToEndTest {

  private static String destination(String name, String labels, String cleanup) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: %s
          labels: {%s}
        spec:
          path: %s
          strictMatchLabels: true
          cleanup: %s
          stateStoreRef:
            kind: GitStateStore
            name: default
        """.formatted(name, labels, name, cleanup);
  }

  private static String promise(String name, String label) {
    return EndToEndTest.resource("later.yaml").replace("name: later\n", "name: " + name + "\n")
        .replace("zone: later", label).replace("laters.test.kratix.dev", name + "s.test.kratix.dev")
        .replace("kind: Later", "kind: K" + name).replace("plural: laters", "plural: " + name + "s")
        .replace("singular: later", "singular: " + name).replace("name: later-system", "name: " + name + "-system");
  }

  @Test
  void aRequestStaysOnADestinationThatStopsMatchingAndIsReportedMisplaced() {
    api.applyOk(destination("sticky", "tier: gold", "none"));
    eventually("sticky Ready", () -> api.getOrNull("/api/v1/destinations/sticky"),
        d -> d != null && Status.condition(d, "Ready").equals("True"));
    api.applyOk(promise("goldapp", "tier: gold"));
    awaitAvailable("goldapp");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Kgoldapp
        metadata: {name: anchored, namespace: default}
        spec: {}
        """);
    String base = "/api/v1/promises/goldapp/resources/default/anchored";
    eventually("anchored Reconciled", () -> api.getOrNull(base), r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    String file = "sticky/resources/default/goldapp/anchored/make/5058f/cm.yaml";
    assertThat(repo.files()).contains(file);

    api.applyOk(destination("sticky", "tier: silver", "none"));
    JsonNode rr = eventually("anchored misplaced", () -> api.getOrNull(base),
        r -> Status.reason(r, "WorksSucceeded").equals("WorksMisplaced"));
    assertThat(Status.condition(rr, "WorksSucceeded")).isEqualTo("False");
    assertThat(rr.path("status").path("kratix").path("workPlacements").get(0).path("misplaced").asBoolean()).isTrue();
    // Nothing moves: the files stay where they were written.
    assertThat(repo.files()).contains(file);

    // A new gold Destination gets the Promise's dependencies, and the request stays where it is.
    api.applyOk(destination("gold-2", "tier: gold", "none"));
    eventually("dependencies fanned out", () -> repo.files(),
        f -> f.contains("gold-2/dependencies/goldapp/5058f/static/goldapp-dependencies.yaml"));
    assertThat(repo.files()).noneMatch(f -> f.startsWith("gold-2/resources/default/goldapp/"));
  }

  @Test
  void deletingADestinationWithCleanupAllRemovesItsFilesAndCleanupNoneKeepsThem() {
    api.applyOk(destination("doomed-all", "doom: all", "all") + "---\n" + destination("doomed-none", "doom: none", "none"));
    for (String d : new String[] {"doomed-all", "doomed-none"}) {
      eventually(d + " Ready", () -> api.getOrNull("/api/v1/destinations/" + d),
          x -> x != null && Status.condition(x, "Ready").equals("True"));
    }
    api.applyOk(promise("doomapp", "doom: all"));
    awaitAvailable("doomapp");
    assertThat(repo.files()).contains("doomed-all/dependencies/doomapp/5058f/static/doomapp-dependencies.yaml",
        "doomed-all/resources/kratix-canary-configmap.yaml", "doomed-none/resources/kratix-canary-configmap.yaml");

    assertThat(api.delete("/api/v1/destinations/doomed-all").status()).isEqualTo(202);
    assertThat(api.delete("/api/v1/destinations/doomed-none").status()).isEqualTo(202);
    eventually("both gone", () -> api.get("/api/v1/destinations/doomed-all").status() == 404
        && api.get("/api/v1/destinations/doomed-none").status() == 404, gone -> gone);
    eventually("doomed-all files removed", () -> repo.files(), f -> f.stream().noneMatch(x -> x.startsWith("doomed-all/")));
    assertThat(repo.files()).contains("doomed-none/resources/kratix-canary-configmap.yaml",
        "doomed-none/dependencies/kratix-canary-namespace.yaml");
  }
}

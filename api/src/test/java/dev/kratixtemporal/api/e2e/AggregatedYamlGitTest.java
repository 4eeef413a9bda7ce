package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.KratixYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** filepath.mode aggregatedYAML on the Git store: Kratix's aggregated-yaml scenario, checked in a fresh clone. */
class AggregatedYamlGitTest extends EndToEndTest {

  @Test
  void oneFileRewrittenAsRequestsComeAndGo() {
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: aggregated-git
          labels: {store: aggregated-git}
        spec:
          path: aggregated-git
          strictMatchLabels: true
          filepath: {mode: aggregatedYAML, filename: catalog.yaml}
          stateStoreRef: {kind: GitStateStore, name: default}
        """);
    eventually("aggregated-git Ready", () -> api.getOrNull("/api/v1/destinations/aggregated-git"),
        d -> d != null && "True".equals(Status.condition(d, "Ready")));
    api.applyOk(resource("aggregate.yaml").replace("name: aggregate\n", "name: aggit\n")
        .replace("store: aggregate", "store: aggregated-git").replace("aggregates.test", "aggits.test")
        .replace("kind: Aggregate", "kind: Aggit").replace("plural: aggregates", "plural: aggits")
        .replace("singular: aggregate", "singular: aggit"));
    awaitAvailable("aggit");
    for (String name : List.of("req-1", "req-2")) {
      api.applyOk("apiVersion: test.kratix.dev/v1alpha1\nkind: Aggit\nmetadata: {name: " + name + ", namespace: default}\nspec: {}\n");
      eventually(name + " Reconciled", () -> api.getOrNull("/api/v1/promises/aggit/resources/default/" + name),
          r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
    }

    assertThat(filesUnder("aggregated-git/")).containsExactly("aggregated-git/catalog.yaml",
        "aggregated-git/kratix-canary-configmap.yaml", "aggregated-git/kratix-canary-namespace.yaml");
    assertThat(documents()).containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-1", "ConfigMap:req-2");

    String rr = "/api/v1/promises/aggit/resources/default/req-1";
    assertThat(api.delete(rr).status()).isEqualTo(202);
    eventually("req-1 gone", () -> api.get(rr).status(), s -> s == 404);
    assertThat(documents()).containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-2");

    assertThat(api.delete("/api/v1/promises/aggit").status()).isEqualTo(202);
    eventually("aggit gone", () -> api.get("/api/v1/promises/aggit").status(), s -> s == 404);
    assertThat(filesUnder("aggregated-git/")).containsExactly(
        "aggregated-git/kratix-canary-configmap.yaml", "aggregated-git/kratix-canary-namespace.yaml");
  }

  private List<String> filesUnder(String prefix) {
    return repo.files().stream().filter(f -> f.startsWith(prefix)).toList();
  }

  private List<String> documents() {
    return KratixYaml.parseAll(repo.read("aggregated-git/catalog.yaml")).stream()
        .map(d -> d.path("kind").asText() + ":" + d.path("metadata").path("name").asText()).toList();
  }
}

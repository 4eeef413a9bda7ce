package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A GitStateStore and Destination applied through the API, on a second repository, take part in scheduling. */
class SecondStateStoreTest extends EndToEndTest {

  @Test
  void aDestinationOnItsOwnStoreGetsCanariesAndScheduledFiles() throws Exception {
    Path bare = DATA_DIR.resolve("other.git");
    StateRepository.createBare(bare, "other");
    StateRepository other = new StateRepository("http://127.0.0.1:" + port + "/git/other.git");
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata:
          name: other
        spec:
          url: %s
          branch: main
          path: clusters
          gitAuthor:
            name: platform-bot
            email: bot@example.com
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: elsewhere
          labels:
            store: other
        spec:
          path: elsewhere
          strictMatchLabels: true
          stateStoreRef:
            kind: GitStateStore
            name: other
        """.formatted(bare));
    JsonNode destination = eventually("elsewhere Ready", () -> api.getOrNull("/api/v1/destinations/elsewhere"),
        d -> d != null && Status.condition(d, "Ready").equals("True"));
    assertThat(Status.reason(destination, "Ready")).isEqualTo("TestDocumentsWritten");
    assertThat(other.files()).contains("clusters/elsewhere/dependencies/kratix-canary-namespace.yaml",
        "clusters/elsewhere/resources/kratix-canary-configmap.yaml");
    assertThat(api.getOrNull("/api/v1/gitstatestores/other").path("status").path("status").asText()).isEqualTo("Ready");

    api.applyOk(resource("later.yaml").replace("name: later\n", "name: remote\n")
        .replace("zone: later", "store: other").replace("laters.test.kratix.dev", "remotes.test.kratix.dev")
        .replace("kind: Later", "kind: Remote").replace("plural: laters", "plural: remotes")
        .replace("singular: later", "singular: remote").replace("name: later-system", "name: remote-system"));
    awaitAvailable("remote");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Remote
        metadata:
          name: far
          namespace: default
        spec: {}
        """);
    eventually("far Reconciled", () -> api.getOrNull("/api/v1/promises/remote/resources/default/far"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(other.files()).contains("clusters/elsewhere/resources/default/remote/far/make/5058f/cm.yaml",
        "clusters/elsewhere/dependencies/remote/5058f/static/remote-dependencies.yaml");
    assertThat(other.log()).anySatisfy(l -> assertThat(l).startsWith("platform-bot <bot@example.com>|Update from: remote-far-make-"));
    assertThat(repo.files()).noneMatch(f -> f.contains("/remote/"));
  }

}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Store writes that cannot go through, and deletes that must wait (docs/store-writes.md), on the real dev server
 * with real Git repositories: a local bare repository moved away and back, and lighttpd with basic auth whose
 * Secret is deleted and applied again.
 */
class StoreWritesEndToEndTest extends EndToEndTest {

  /** A Promise like later.yaml, scheduled to Destinations labelled store=<label>. */
  private static String promise(String name, String kind, String label) {
    return resource("later.yaml").replace("name: later\n", "name: " + name + "\n")
        .replace("zone: later", "store: " + label).replace("laters.test.kratix.dev", name + "s.test.kratix.dev")
        .replace("kind: Later", "kind: " + kind).replace("plural: laters", "plural: " + name + "s")
        .replace("singular: later", "singular: " + name).replace("name: later-system", "name: " + name + "-system");
  }

  private static String storeAndDestination(String store, String url, String secretRef, String destination, String label) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata: {name: %s}
        spec:
          url: %s
          branch: main
        %s---
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: %s
          labels: {store: %s}
        spec:
          path: %s
          strictMatchLabels: true
          stateStoreRef: {kind: GitStateStore, name: %s}
        """.formatted(store, url, secretRef == null ? "" : "  secretRef: {name: " + secretRef + ", namespace: default}\n",
        destination, label, destination, store);
  }

  private JsonNode request(String promise, String name) {
    return api.getOrNull("/api/v1/promises/" + promise + "/resources/default/" + name);
  }

  @Test
  void aRequestDeletedWhileItsStoreIsNotReadyWaitsThenRemovesItsFilesOnceTheStoreIsBack() throws Exception {
    Path bare = DATA_DIR.resolve("swdel.git");
    Path away = DATA_DIR.resolve("swdel.git.away");
    StateRepository.createBare(bare, "swdel");
    String stores = storeAndDestination("swdel-store", bare.toString(), null, "swdel-dest", "swdel");
    api.applyOk(stores);
    eventually("swdel-dest Ready", () -> api.getOrNull("/api/v1/destinations/swdel-dest"),
        d -> d != null && "True".equals(Status.condition(d, "Ready")));
    api.applyOk(promise("swdel", "Swdel", "swdel"));
    awaitAvailable("swdel");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Swdel
        metadata: {name: swdel-req, namespace: default}
        spec: {}
        """);
    eventually("swdel-req Reconciled", () -> request("swdel", "swdel-req"),
        r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
    String file = "swdel-dest/resources/default/swdel/swdel-req/make/5058f/cm.yaml";
    assertThat(new StateRepository(bare.toString()).files()).contains(file);

    // The repository disappears: the store, checked again, is NotReady, and so is its Destination.
    Files.move(bare, away);
    api.applyOk(stores);
    eventually("swdel-dest NotReady", () -> api.getOrNull("/api/v1/destinations/swdel-dest"),
        d -> d != null && "StateStoreNotReady".equals(Status.reason(d, "Ready")));

    assertThat(api.delete("/api/v1/promises/swdel/resources/default/swdel-req").status()).isEqualTo(202);
    JsonNode waiting = eventually("swdel-req says its delete waits", () -> request("swdel", "swdel-req"),
        r -> r != null && "DeleteWaitingForDestination".equals(Status.reason(r, "WorksSucceeded")));
    assertThat(Status.conditionNode(waiting, "WorksSucceeded").path("message").asText())
        .contains("Destination swdel-dest is not ready");
    JsonNode pending = waiting.path("status").path("kratix").path("pendingDeletes");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("destination").asText()).isEqualTo("swdel-dest");
    assertThat(waiting.path("status").path("message").asText()).isEqualTo("Deleting: waiting for Destination swdel-dest");
    assertThat(new StateRepository(away.toString()).files()).contains(file);

    // The repository is back and the store checked again: the files go, then the request.
    Files.move(away, bare);
    long back = System.nanoTime();
    api.applyOk(stores);
    eventually("swdel-req gone", () -> api.get("/api/v1/promises/swdel/resources/default/swdel-req").status(),
        s -> s == 404);
    System.out.printf("store-writes: delete went through %d ms after the store came back%n",
        (System.nanoTime() - back) / 1_000_000);
    StateRepository repo = new StateRepository(bare.toString());
    assertThat(repo.files()).doesNotContain(file);
    assertThat(repo.log()).anySatisfy(l -> assertThat(l).startsWith("kratix <kratix@kratix.io>|Delete from: swdel-swdel-req-make-"));
  }

  @Test
  void aMissingSecretIsNamedOnTheRequestAndTheFilesLandOnceItIsApplied() throws Exception {
    Path dir = Files.createTempDirectory("swsec-http");
    try (GitHttpServer server = new GitHttpServer(dir, "kratix", "swsec-Pa55")) {
      String stores = storeAndDestination("swsec-store", server.url(), "swsec-creds", "swsec-dest", "swsec");
      String secret = GitStoreAuthTest.secret("swsec-creds", "username: kratix\n  password: swsec-Pa55");
      // The Promise first, so that the store's first check comes just before the request: a Ready store is
      // checked again a minute later, and would then find the Secret missing before the write does.
      api.applyOk(promise("swsec", "Swsec", "swsec"));
      awaitAvailable("swsec");
      api.applyOk(secret);
      api.applyOk(stores);
      eventually("swsec-dest Ready", () -> api.getOrNull("/api/v1/destinations/swsec-dest"),
          d -> d != null && "True".equals(Status.condition(d, "Ready")));
      assertThat(api.delete("/api/v1/secrets/default/swsec-creds").status()).isBetween(200, 299);
      long applied = System.nanoTime();
      api.applyOk("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: Swsec
          metadata: {name: swsec-req, namespace: default}
          spec: {}
          """);
      JsonNode failing = eventually("swsec-req names the missing Secret", () -> request("swsec", "swsec-req"),
          r -> r != null && "SecretNotFound".equals(Status.reason(r, "WorksSucceeded")));
      System.out.printf("store-writes: cause on the status %d ms after the apply%n", (System.nanoTime() - applied) / 1_000_000);
      assertThat(Status.conditionNode(failing, "WorksSucceeded").path("message").asText())
          .isEqualTo("Destination swsec-dest, GitStateStore/swsec-store: Secret swsec-creds not found in namespace default");
      assertThat(Status.condition(failing, "WorksSucceeded")).isEqualTo("False");
      assertThat(Status.condition(failing, "Reconciled")).isEqualTo("False");

      long fixed = System.nanoTime();
      api.applyOk(secret);
      eventually("swsec-req Reconciled", () -> request("swsec", "swsec-req"),
          r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
      System.out.printf("store-writes: files landed %d ms after the Secret was applied%n", (System.nanoTime() - fixed) / 1_000_000);
      StateRepository remote = new StateRepository(server.repository.toUri().toString());
      assertThat(remote.files()).contains("swsec-dest/resources/default/swsec/swsec-req/make/5058f/cm.yaml");

      assertThat(api.delete("/api/v1/promises/swsec/resources/default/swsec-req").status()).isEqualTo(202);
      eventually("swsec-req gone", () -> api.get("/api/v1/promises/swsec/resources/default/swsec-req").status(), s -> s == 404);
      assertThat(api.delete("/api/v1/promises/swsec").status()).isEqualTo(202);
      eventually("swsec gone", () -> api.get("/api/v1/promises/swsec").status(), s -> s == 404);
      assertThat(api.delete("/api/v1/destinations/swsec-dest").status()).isEqualTo(202);
      assertThat(api.delete("/api/v1/gitstatestores/swsec-store").status()).isEqualTo(202);
    }
  }

}

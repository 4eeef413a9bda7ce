package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * State stores that someone made hostile or that broke: a link committed in the repository, a clone left locked
 * by a killed write, a Git server that goes down and comes back.
 */
class HostileStoreTest extends EndToEndTest {
  private static final String PASSWORD = "sto-Pa55word";
  /** A Ready store is rechecked every minute; allow that, the check and the poll. */
  private static final Duration RECHECK_TIMEOUT = Duration.ofSeconds(180);

  private static String storeAndDestination(String store, String destination, String url) {
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: %1$s-creds, namespace: default}
        stringData:
          username: kratix
          password: %4$s
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata: {name: %1$s}
        spec:
          url: %3$s
          branch: main
          secretRef: {name: %1$s-creds, namespace: default}
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: %2$s
          labels: {store: %1$s}
        spec:
          path: %2$s
          strictMatchLabels: true
          stateStoreRef: {kind: GitStateStore, name: %1$s}
        """.formatted(store, destination, url, PASSWORD);
  }

  @Test
  void aStoreWhoseTreeHoldsALinkIsNotReadyNamingItAndTheHostDirectoryStaysEmpty() throws Exception {
    Path dir = Files.createTempDirectory("sto-link");
    Path hostTarget = Files.createDirectories(dir.resolve("host-target"));
    try (GitHttpServer server = new GitHttpServer(dir, "kratix", PASSWORD)) {
      // Someone with access to the repository pushes a link where the Destination's resources go.
      Path work = dir.resolve("attacker");
      StateRepository.git(dir, "clone", "-q", server.repository.toString(), work.toString());
      Files.createDirectories(work.resolve("sto-link-dest"));
      Files.createSymbolicLink(work.resolve("sto-link-dest/resources"), hostTarget);
      StateRepository.git(work, "add", "-A");
      StateRepository.git(work, "-c", "user.name=a", "-c", "user.email=a@a", "commit", "-q", "-m", "link");
      StateRepository.git(work, "push", "-q", "origin", "main");

      api.applyOk(storeAndDestination("sto-link-store", "sto-link-dest", server.url()));
      JsonNode store = eventually("sto-link-store not ready", () -> api.getOrNull("/api/v1/gitstatestores/sto-link-store"),
          s -> s != null && "StatePathThroughLink".equals(Status.reason(s, "Ready")));
      assertThat(Status.condition(store, "Ready")).isEqualTo("False");
      assertThat(store.path("status").path("status").asText()).isEqualTo("NotReady");
      assertThat(Status.conditionNode(store, "Ready").path("message").asText()).isEqualTo("branch main of " + server.url()
          + " holds symbolic links, which Kratix will not write through: sto-link-dest/resources");
      eventually("sto-link-dest not ready", () -> api.getOrNull("/api/v1/destinations/sto-link-dest"),
          d -> d != null && "StateStoreNotReady".equals(Status.reason(d, "Ready")));
      try (Stream<Path> leaked = Files.list(hostTarget)) {
        assertThat(leaked).isEmpty();
      }

      assertThat(api.delete("/api/v1/destinations/sto-link-dest").status()).isEqualTo(202);
      assertThat(api.delete("/api/v1/gitstatestores/sto-link-store").status()).isEqualTo(202);
      eventually("sto-link-store gone", () -> api.get("/api/v1/gitstatestores/sto-link-store").status(), s -> s == 404);
    }
    try (Stream<Path> leaked = Files.list(hostTarget)) {
      assertThat(leaked).isEmpty();
    }
  }

  @Test
  void aStaleRefLockInTheDefaultStoreCloneIsRepairedAndTheRequestLandsInGit() throws Exception {
    Path clone = defaultStoreClone();
    // What a kill during a write leaves behind (the clone is bare: its refs are at its root).
    Files.createDirectories(clone.resolve("refs/remotes/origin"));
    Files.writeString(clone.resolve("refs/remotes/origin/main.lock"), "");

    api.applyOk(resource("later.yaml").replace("name: later\n", "name: sto-lock\n").replace("zone: later", "environment: dev")
        .replace("laters.test.kratix.dev", "stolocks.test.kratix.dev").replace("kind: Later", "kind: StoLock")
        .replace("plural: laters", "plural: stolocks").replace("singular: later", "singular: stolock")
        .replace("name: later-system", "name: sto-lock-system"));
    awaitAvailable("sto-lock");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: StoLock
        metadata: {name: sto-lock-req, namespace: default}
        spec: {}
        """);
    String rr = "/api/v1/promises/sto-lock/resources/default/sto-lock-req";
    eventually("sto-lock-req Reconciled", () -> api.getOrNull(rr),
        r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
    List<String> written = repo.files().stream()
        .filter(f -> f.matches("dev/resources/default/sto-lock/sto-lock-req/[^/]+/[0-9a-f]{5}/cm\\.yaml")).toList();
    assertThat(written).hasSize(1);
    assertThat(repo.read(written.get(0))).contains("name: sto-lock-req");
    assertThat(clone.resolve("refs/remotes/origin/main.lock")).doesNotExist();

    assertThat(api.delete(rr).status()).isEqualTo(202);
    eventually("sto-lock-req gone", () -> api.get(rr).status(), s -> s == 404);
    assertThat(api.delete("/api/v1/promises/sto-lock").status()).isEqualTo(202);
  }

  @Test
  void aStoreWhoseServerIsDownIsUnreachableNamingTheUrlAndReadyOnceItIsBack() throws Exception {
    Path dir = Files.createTempDirectory("sto-down");
    try (GitHttpServer server = new GitHttpServer(dir, "kratix", PASSWORD)) {
      api.applyOk(storeAndDestination("sto-down-store", "sto-down-dest", server.url()));
      awaitStore("sto-down-store", "StateStoreReady", TIMEOUT);
      eventually("sto-down-dest Ready", () -> api.getOrNull("/api/v1/destinations/sto-down-dest"),
          d -> d != null && "True".equals(Status.condition(d, "Ready")));

      server.close();
      JsonNode down = awaitStore("sto-down-store", "StateStoreUnreachable", RECHECK_TIMEOUT);
      assertThat(down.path("status").path("status").asText()).isEqualTo("NotReady");
      assertThat(Status.conditionNode(down, "Ready").path("message").asText())
          .startsWith("cannot reach " + server.url() + ": ").contains("Connection refused");
      eventually("sto-down-dest not ready", () -> api.getOrNull("/api/v1/destinations/sto-down-dest"),
          d -> d != null && "StateStoreNotReady".equals(Status.reason(d, "Ready")));

      server.start(List.of("lighttpd", "-D", "-f", dir.resolve("lighttpd.conf").toString()));
      awaitStore("sto-down-store", "StateStoreReady", RECHECK_TIMEOUT);
      eventually("sto-down-dest Ready", () -> api.getOrNull("/api/v1/destinations/sto-down-dest"),
          d -> d != null && "True".equals(Status.condition(d, "Ready")));

      assertThat(api.delete("/api/v1/destinations/sto-down-dest").status()).isEqualTo(202);
      assertThat(api.delete("/api/v1/gitstatestores/sto-down-store").status()).isEqualTo(202);
      eventually("sto-down-store gone", () -> api.get("/api/v1/gitstatestores/sto-down-store").status(), s -> s == 404);
    }
  }

  private JsonNode awaitStore(String name, String reason, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = api.getOrNull("/api/v1/gitstatestores/" + name);
      if (last != null && reason.equals(Status.reason(last, "Ready"))) return last;
      sleep(500);
    }
    fail("timed out waiting for " + name + " " + reason + "; last seen: " + (last == null ? null : KratixYaml.toYaml(last)));
    return last;
  }

  /** The writer's clone of the dev default store (a repository under kratix.data-dir), made by the canary write. */
  private static Path defaultStoreClone() throws Exception {
    String remote = DATA_DIR.resolve("state.git").toString();
    try (Stream<Path> clones = Files.list(DATA_DIR.resolve("clones"))) {
      for (Path c : clones.toList()) {
        Path config = c.resolve("config");
        if (Files.isRegularFile(config) && Files.readString(config).contains(remote)) return c;
      }
    }
    throw new AssertionError("no clone of " + remote + " under " + DATA_DIR.resolve("clones"));
  }
}

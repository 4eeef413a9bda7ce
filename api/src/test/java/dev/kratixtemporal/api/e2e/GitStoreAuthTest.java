package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * GitStateStores with credentials against real servers on loopback: lighttpd + git-http-backend with basic auth,
 * and OpenSSH's sshd with an ed25519 key. Readiness follows Kratix's Git-backed Destination scenario; the secret
 * never shows in a status or a workflow history.
 */
class GitStoreAuthTest extends EndToEndTest {
  private static final String PASSWORD = "s3cret-Pa55word";

  @Test
  void basicAuthOverHttpFromMissingSecretToWrongPasswordToReady() throws Exception {
    Path dir = Files.createTempDirectory("git-http");
    try (GitHttpServer server = new GitHttpServer(dir, "kratix", PASSWORD)) {
      api.applyOk("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: GitStateStore
          metadata: {name: http-store}
          spec:
            url: %s
            branch: main
            secretRef: {name: http-creds, namespace: default}
          ---
          apiVersion: platform.kratix.io/v1alpha1
          kind: Destination
          metadata:
            name: http-dest
            labels: {store: http}
          spec:
            path: http-dest
            strictMatchLabels: true
            stateStoreRef: {kind: GitStateStore, name: http-store}
          """.formatted(server.url()));
      JsonNode store = awaitStoreReason("gitstatestores/http-store", "SecretNotFound");
      assertThat(Status.conditionNode(store, "Ready").path("message").asText())
          .isEqualTo("Secret http-creds not found in namespace default");
      eventually("http-dest not ready", () -> api.getOrNull("/api/v1/destinations/http-dest"),
          d -> d != null && "StateStoreNotReady".equals(Status.reason(d, "Ready")));
      assertThat(Status.conditionNode(api.getOrNull("/api/v1/destinations/http-dest"), "Ready").path("message").asText())
          .isEqualTo("GitStateStore/http-store: not ready");

      api.applyOk(secret("http-creds", "username: kratix\n  password: wrong-password"));
      store = awaitStoreReason("gitstatestores/http-store", "ErrorInitialisingWriter");
      assertThat(Status.conditionNode(store, "Ready").path("message").asText())
          .startsWith("unable to clone repository " + server.url()).contains("not authorized");

      api.applyOk(secret("http-creds", "username: kratix\n  password: " + PASSWORD));
      awaitStoreReason("gitstatestores/http-store", "StateStoreReady");
      eventually("http-dest Ready", () -> api.getOrNull("/api/v1/destinations/http-dest"),
          d -> d != null && "True".equals(Status.condition(d, "Ready")));

      StateRepository remote = new StateRepository(server.repository.toUri().toString());
      assertThat(remote.files()).containsExactly("http-dest/dependencies/kratix-canary-namespace.yaml",
          "http-dest/resources/kratix-canary-configmap.yaml");
      assertThat(remote.log()).contains("kratix <kratix@kratix.io>|Update from: kratix-canary");
      assertSecretNeverRecorded(PASSWORD, "gitstatestore/http-store", "destination/http-dest");
      assertThat(api.get("/api/v1/secrets").body().toString()).contains("http-creds").doesNotContain(PASSWORD);

      assertThat(api.delete("/api/v1/destinations/http-dest").status()).isEqualTo(202);
      assertThat(api.delete("/api/v1/gitstatestores/http-store").status()).isEqualTo(202);
      eventually("http-store gone", () -> api.get("/api/v1/gitstatestores/http-store").status(), s -> s == 404);
    }
  }

  @Test
  void sshWithAKeyAndKnownHosts() throws Exception {
    Path dir = Files.createTempDirectory("git-ssh");
    try (GitSshServer server = new GitSshServer(dir)) {
      String key = Base64.getEncoder().encodeToString(server.clientPrivateKey.getBytes());
      String hosts = Base64.getEncoder().encodeToString(server.knownHosts.getBytes());
      api.applyOk("""
          apiVersion: v1
          kind: Secret
          metadata: {name: ssh-creds, namespace: default}
          data:
            sshPrivateKey: %s
            knownHosts: %s
          ---
          apiVersion: platform.kratix.io/v1alpha1
          kind: GitStateStore
          metadata: {name: ssh-store}
          spec:
            url: %s
            authMethod: ssh
            secretRef: {name: ssh-creds}
            gitAuthor: {name: platform-bot, email: bot@example.com}
          ---
          apiVersion: platform.kratix.io/v1alpha1
          kind: Destination
          metadata:
            name: ssh-dest
            labels: {store: ssh}
          spec:
            path: ssh-dest
            strictMatchLabels: true
            stateStoreRef: {kind: GitStateStore, name: ssh-store}
          """.formatted(key, hosts, server.url()));
      awaitStoreReason("gitstatestores/ssh-store", "StateStoreReady");
      eventually("ssh-dest Ready", () -> api.getOrNull("/api/v1/destinations/ssh-dest"),
          d -> d != null && "True".equals(Status.condition(d, "Ready")));

      StateRepository remote = new StateRepository(server.repository.toUri().toString());
      assertThat(remote.files()).containsExactly("ssh-dest/dependencies/kratix-canary-namespace.yaml",
          "ssh-dest/resources/kratix-canary-configmap.yaml");
      assertThat(remote.log()).contains("platform-bot <bot@example.com>|Update from: kratix-canary");
      String keyLine = server.clientPrivateKey.lines().skip(1).findFirst().orElseThrow();
      assertSecretNeverRecorded(keyLine, "gitstatestore/ssh-store", "destination/ssh-dest");

      assertThat(api.delete("/api/v1/destinations/ssh-dest").status()).isEqualTo(202);
      assertThat(api.delete("/api/v1/gitstatestores/ssh-store").status()).isEqualTo(202);
      eventually("ssh-store gone", () -> api.get("/api/v1/gitstatestores/ssh-store").status(), s -> s == 404);
    }
  }

  private JsonNode awaitStoreReason(String path, String reason) {
    return eventually(path + " " + reason, () -> api.getOrNull("/api/v1/" + path),
        s -> s != null && reason.equals(Status.reason(s, "Ready")));
  }

  static String secret(String name, String stringData) {
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: %s, namespace: default}
        stringData:
          %s
        """.formatted(name, stringData);
  }

  /** Neither the statuses nor any event of the workflows' histories carry the secret. */
  void assertSecretNeverRecorded(String secretValue, String... workflowIds) {
    for (String id : workflowIds) {
      WorkflowExecutionHistory history = temporal.fetchHistory(id);
      assertThat(history.toJson(false)).as("history of " + id).doesNotContain(secretValue)
          .doesNotContain(Base64.getEncoder().encodeToString(secretValue.getBytes()));
    }
  }
}

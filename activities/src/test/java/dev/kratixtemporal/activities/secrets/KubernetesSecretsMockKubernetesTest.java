package dev.kratixtemporal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.SecretRef;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets on a platform cluster, against fabric8's mock API server in CRUD mode (no real API server runs here). */
@EnableKubernetesMockClient(crud = true)
class KubernetesSecretsMockKubernetesTest {
  KubernetesClient client;

  @Test
  void aSecretMadeWithKubectlIsReadWithBothDataAndStringData() {
    client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("git-creds")
        .endMetadata().addToData("username", Base64.getEncoder().encodeToString("kratix".getBytes()))
        .addToStringData("password", "s3cret").build()).create();

    assertThat(new KubernetesSecrets(client).get(new SecretRef("default", "git-creds")))
        .isEqualTo(Map.of("username", "kratix", "password", "s3cret"));
  }

  @Test
  void aMissingSecretGivesKratixsMessage() {
    assertThatThrownBy(() -> new KubernetesSecrets(client).get(new SecretRef("default", "non-existent-secret")))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessage("Secret non-existent-secret not found in namespace default");
  }

  @Test
  void secretsAppliedThroughTheApiAreCreatedUpdatedListedAndDeleted() {
    KubernetesSecrets secrets = new KubernetesSecrets(client);
    SecretRef ref = new SecretRef("platform", "s3");
    secrets.put(ref, Map.of("accessKeyID", "a", "secretAccessKey", "b"));
    secrets.put(ref, Map.of("accessKeyID", "a", "secretAccessKey", "c"));

    assertThat(secrets.get(ref)).containsEntry("secretAccessKey", "c");
    assertThat(client.secrets().inNamespace("platform").withName("s3").get().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kratix-temporal");
    assertThat(secrets.list()).containsExactly(ref);
    assertThat(secrets.delete(ref)).isTrue();
    assertThat(secrets.list()).isEmpty();
  }
}

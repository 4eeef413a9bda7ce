package dev.kratixtemporal.activities.secrets;

import dev.kratixtemporal.model.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets of a Kubernetes platform cluster, as Kratix reads them: a store's secretRef names a Secret in the cluster.
 * Secrets applied through our API are created there too, labelled as ours.
 */
public class KubernetesSecrets implements Secrets {
  static final String LABEL = "app.kubernetes.io/managed-by";
  static final String OURS = "kratix-temporal";

  private final KubernetesClient client;

  public KubernetesSecrets(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Map<String, String> get(SecretRef ref) {
    Secret secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
    if (secret == null) {
      throw new SecretNotFoundException("Secret " + ref.name() + " not found in namespace " + ref.namespace());
    }
    Map<String, String> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) data.putAll(secret.getStringData());
    return data;
  }

  @Override
  public void put(SecretRef ref, Map<String, String> data) {
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withNewMetadata().withNamespace(ref.namespace()).withName(ref.name())
        .addToLabels(LABEL, OURS).endMetadata().withType("Opaque").withData(encoded).build();
    client.resource(secret).createOr(NonDeletingOperation::update);
  }

  @Override
  public boolean delete(SecretRef ref) {
    return !client.secrets().inNamespace(ref.namespace()).withName(ref.name()).delete().isEmpty();
  }

  @Override
  public List<SecretRef> list() {
    return client.secrets().inAnyNamespace().withLabel(LABEL, OURS).list().getItems().stream()
        .map(s -> new SecretRef(s.getMetadata().getNamespace(), s.getMetadata().getName()))
        .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }
}

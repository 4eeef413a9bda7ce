package dev.kratixtemporal.activities.secrets;

import dev.kratixtemporal.model.SecretRef;
import java.util.List;
import java.util.Map;

/**
 * Where credentials live: encrypted files on a single node, Kubernetes Secrets on a cluster. The activities read
 * them here. Workflows carry only a {@link SecretRef}, so a secret's data never enters a
 * workflow's history.
 */
public interface Secrets {
  /**
   * The secret's data, by key.
   *
   * @throws SecretNotFoundException with Kratix's message when there is no such secret
   */
  Map<String, String> get(SecretRef ref);

  /** Stores the secret's data (decoded, by key), replacing what was there. */
  void put(SecretRef ref, Map<String, String> data);

  /** True when there was a secret to delete. */
  boolean delete(SecretRef ref);

  /** The secrets this product stored. */
  List<SecretRef> list();

  /** The value of one key, or a clear error naming the key and the secret. */
  static String require(Map<String, String> data, SecretRef ref, String key) {
    String value = data.get(key);
    if (value == null || value.isEmpty()) {
      throw new SecretNotFoundException("Secret " + ref.name() + " in namespace " + ref.namespace() + " has no key " + key);
    }
    return value;
  }
}

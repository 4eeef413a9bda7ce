package dev.kratixtemporal.activities.secrets;

import dev.kratixtemporal.model.SecretRef;
import java.util.Map;

/**
 * Where the activities read credentials. Workflows carry only a {@link SecretRef}, so a secret's data never enters a
 * workflow's history.
 */
public interface Secrets {
  /**
   * The secret's data, by key.
   *
   * @throws SecretNotFoundException with Kratix's message when there is no such secret
   */
  Map<String, String> get(SecretRef ref);

  /** The value of one key, or a clear error naming the key and the secret. */
  static String require(Map<String, String> data, SecretRef ref, String key) {
    String value = data.get(key);
    if (value == null || value.isEmpty()) {
      throw new SecretNotFoundException("Secret " + ref.name() + " in namespace " + ref.namespace() + " has no key " + key);
    }
    return value;
  }
}

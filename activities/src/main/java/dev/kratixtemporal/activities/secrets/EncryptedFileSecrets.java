package dev.kratixtemporal.activities.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kratixtemporal.model.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets of the single-node install: one AES-256-GCM encrypted file per Secret under the data folder
 * ({@code secrets/<namespace>/<name>.enc}), with the install's {@link SecretsKey} (also the Temporal payload key).
 */
public class EncryptedFileSecrets implements Secrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final SecretKeySpec key;

  public EncryptedFileSecrets(Path dir, String base64Key) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      this.key = SecretsKey.load(dir, base64Key).key();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> get(SecretRef ref) {
    Path file = file(ref);
    if (!Files.exists(file)) {
      throw new SecretNotFoundException("Secret " + ref.name() + " not found in namespace " + ref.namespace());
    }
    try {
      byte[] sealed = Files.readAllBytes(file);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
      return JSON.readValue(plain, new TypeReference<TreeMap<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Secret " + ref + " cannot be decrypted: was kratix.secrets.key changed?", e);
    }
  }

  @Override
  public void put(SecretRef ref, Map<String, String> data) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(new TreeMap<>(data)));
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      Path file = file(ref);
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
      Files.write(tmp, out);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt Secret " + ref, e);
    }
  }

  @Override
  public boolean delete(SecretRef ref) {
    // A name no Secret can have names none to delete.
    if (!SecretRef.isValidName(ref.namespace()) || !SecretRef.isValidName(ref.name())) return false;
    try {
      return Files.deleteIfExists(file(ref));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<SecretRef> list() {
    List<SecretRef> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 2)) {
      files.filter(f -> f.getFileName().toString().endsWith(".enc") && !f.getParent().equals(dir)).sorted()
          .forEach(f -> out.add(new SecretRef(f.getParent().getFileName().toString(),
              f.getFileName().toString().replaceFirst("\\.enc$", ""))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private Path file(SecretRef ref) {
    return dir.resolve(safe(ref.namespace())).resolve(safe(ref.name()) + ".enc");
  }

  private static String safe(String part) {
    if (!SecretRef.isValidName(part)) {
      throw new IllegalArgumentException("'" + part + "' is not a valid Kubernetes name");
    }
    return part;
  }
}

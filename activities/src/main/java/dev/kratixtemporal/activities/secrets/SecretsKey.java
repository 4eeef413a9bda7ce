package dev.kratixtemporal.activities.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one AES-256 key of this install, used for the encrypted Secrets and for Temporal payloads: the
 * {@code kratix.secrets.key} setting (base64 of 32 bytes) or, when that is unset, the key file {@code .key} made on
 * first use in the secrets folder, readable by its owner only. Processes that share workflows (api and worker) must
 * share it: the same setting, or the same data folder.
 *
 * @param key the AES key
 * @param id the first 8 hex digits of the key's SHA-256: names the key in errors and payload metadata, reveals nothing
 */
public record SecretsKey(SecretKeySpec key, String id) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The setting when given, otherwise the key file in {@code secretsDir} (made when missing). */
  public static SecretsKey load(Path secretsDir, String base64Key) {
    try {
      return of(base64Key == null || base64Key.isBlank() ? keyFile(secretsDir) : decode(base64Key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SecretsKey of(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("kratix.secrets.key must be 32 bytes in base64, got " + key.length);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return new SecretsKey(new SecretKeySpec(key, "AES"), HexFormat.of().formatHex(digest, 0, 4));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] keyFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(".key");
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      Path tmp = Files.createTempFile(dir, ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the folder's own permissions apply.
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.delete(tmp); // another process made it first: use theirs
      }
    }
    return decode(Files.readString(file, StandardCharsets.US_ASCII));
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kratix.secrets.key must be 32 bytes in base64: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SecretsKey[" + id + "]"; // never the key itself
  }
}

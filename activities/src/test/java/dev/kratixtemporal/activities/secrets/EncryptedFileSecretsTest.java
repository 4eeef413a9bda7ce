package dev.kratixtemporal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretsTest {
  @TempDir
  Path dir;

  @Test
  void storedEncryptedReadBackAndDeleted() throws Exception {
    EncryptedFileSecrets secrets = new EncryptedFileSecrets(dir, null);
    SecretRef ref = new SecretRef("default", "git-creds");
    secrets.put(ref, Map.of("username", "kratix", "password", "a-very-secret-password"));

    Path file = dir.resolve("default/git-creds.enc");
    assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("a-very-secret-password").doesNotContain("username");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".key")))).isEqualTo("rw-------");
    // A new instance (a restarted worker) reads it with the key file.
    assertThat(new EncryptedFileSecrets(dir, null).get(ref)).isEqualTo(Map.of("username", "kratix", "password", "a-very-secret-password"));
    assertThat(secrets.list()).containsExactly(ref);
    assertThat(secrets.delete(ref)).isTrue();
    assertThatThrownBy(() -> secrets.get(ref)).hasMessage("Secret git-creds not found in namespace default");
  }

  @Test
  void aWrongKeyIsAClearError() {
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    new EncryptedFileSecrets(dir, key).put(new SecretRef("default", "s"), Map.of("k", "v"));
    String other = java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
        14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    assertThatThrownBy(() -> new EncryptedFileSecrets(dir, other).get(new SecretRef("default", "s")))
        .hasMessageContaining("kratix.secrets.key");
  }

  @Test
  void namesThatCouldLeaveTheFolderAreRefused() {
    assertThatThrownBy(() -> new EncryptedFileSecrets(dir, null).get(new SecretRef("..", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new EncryptedFileSecrets(dir, null).delete(new SecretRef("..", "x"))).isFalse();
  }
}

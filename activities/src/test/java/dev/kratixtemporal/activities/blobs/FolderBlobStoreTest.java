package dev.kratixtemporal.activities.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-node blob store: layout on disk, hash checks, roots. */
class FolderBlobStoreTest {
  @TempDir
  Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBlobLivesAtItsSha256UnderTwoHexDigitsAndComesBackWhole() throws Exception {
    FolderBlobStore store = new FolderBlobStore(dir);
    String sha = store.put(bytes("kind: ConfigMap\n"));

    // sha256 of "kind: ConfigMap\n", as `printf 'kind: ConfigMap\n' | sha256sum` gives it
    assertThat(sha).isEqualTo(Sha256.of(bytes("kind: ConfigMap\n"))).hasSize(64);
    Path file = dir.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
    assertThat(Files.readString(file)).isEqualTo("kind: ConfigMap\n");
    assertThat(new String(store.get(sha), StandardCharsets.UTF_8)).isEqualTo("kind: ConfigMap\n");
    assertThat(store.exists(sha)).isTrue();
    assertThat(store.list()).extracting(BlobStore.Blob::sha256).containsExactly(sha);
    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).as("no temporary file is left behind").isEmpty();
    }

    store.delete(sha);
    assertThat(store.exists(sha)).isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void aMissingBlobAndACorruptOneAreErrorsNamingThem() throws Exception {
    FolderBlobStore store = new FolderBlobStore(dir);
    String absent = Sha256.of(bytes("never stored"));
    assertThatThrownBy(() -> store.get(absent)).isInstanceOf(BlobMissingException.class).hasMessageContaining(absent);

    String sha = store.put(bytes("apiVersion: v1\n"));
    Files.writeString(store.path(sha), "tampered\n");
    assertThatThrownBy(() -> store.get(sha)).isInstanceOf(CorruptBlobException.class)
        .hasMessageContaining("blob " + sha + " is corrupt").hasMessageContaining(Sha256.of(bytes("tampered\n")));
  }

  @Test
  void anAddressThatIsNotASha256NeverBecomesAPath() {
    FolderBlobStore store = new FolderBlobStore(dir);
    assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a sha256 blob address");
  }

  @Test
  void puttingTheSameContentAgainMakesTheBlobYoung() throws Exception {
    FolderBlobStore store = new FolderBlobStore(dir);
    String sha = store.put(bytes("same\n"));
    Files.setLastModifiedTime(store.path(sha), java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(store.list().get(0).modified().toEpochMilli()).isZero();
    assertThat(store.put(bytes("same\n"))).isEqualTo(sha);
    assertThat(store.list().get(0).modified().toEpochMilli()).isGreaterThan(0);
  }

  @Test
  void rootsAreKeptPerOwnerBesideTheBlobsAndReplacedOrReleased() throws Exception {
    FolderBlobStore store = new FolderBlobStore(dir);
    String a = store.put(bytes("a"));
    String b = store.put(bytes("b"));
    store.retain("resource/p/ns/one", List.of(a, b));
    store.retain("promise/p", List.of(b));
    assertThat(Files.exists(dir.resolve("roots/resource%2Fp%2Fns%2Fone"))).isTrue();
    assertThat(store.roots()).containsExactlyInAnyOrder(a, b);

    store.retain("resource/p/ns/one", List.of());
    assertThat(store.roots()).containsExactly(b);
    store.release("promise/p");
    assertThat(store.roots()).isEmpty();
  }
}

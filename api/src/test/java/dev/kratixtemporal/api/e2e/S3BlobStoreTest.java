package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.blobs.BlobMissingException;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.BlobSweeper;
import dev.kratixtemporal.activities.blobs.CorruptBlobException;
import dev.kratixtemporal.activities.blobs.S3BlobStore;
import dev.kratixtemporal.activities.statestore.S3Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cluster's blob store against the real S3-compatible server the bucket-store tests use (S3Proxy on loopback,
 * signatures checked), with the S3 client built as the bucket state store builds it.
 */
class S3BlobStoreTest {
  private static final String BUCKET = "kratix-blobs";
  private static S3Server s3;
  private static S3Client client;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = new S3Server(Files.createTempDirectory("s3proxy-blobs"));
    s3.createBucket(BUCKET);
    client = S3Clients.create(S3Clients.endpoint(s3.endpoint(), true),
        S3Clients.credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
  }

  @AfterAll
  static void stopS3() {
    if (client != null) client.close();
    if (s3 != null) s3.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void blobsLiveUnderThePrefixAtTheirSha256AndComeBackWhole() {
    BlobStore store = new S3BlobStore(client, BUCKET, "/kratix/blobs/");
    String sha = store.put(bytes("kind: ConfigMap\n"));

    assertThat(s3.keys(BUCKET, "kratix/blobs/")).contains("kratix/blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
    assertThat(new String(store.get(sha), StandardCharsets.UTF_8)).isEqualTo("kind: ConfigMap\n");
    assertThat(store.exists(sha)).isTrue();
    assertThat(store.list()).extracting(BlobStore.Blob::sha256).contains(sha);

    store.delete(sha);
    assertThat(store.exists(sha)).isFalse();
    assertThatThrownBy(() -> store.get(sha)).isInstanceOf(BlobMissingException.class).hasMessageContaining(sha);
  }

  @Test
  void aCorruptBlobIsAnErrorNamingIt() {
    BlobStore store = new S3BlobStore(client, BUCKET, "corrupt");
    String sha = store.put(bytes("apiVersion: v1\n"));
    client.putObject(b -> b.bucket(BUCKET).key("corrupt/sha256/" + sha.substring(0, 2) + "/" + sha),
        RequestBody.fromString("tampered\n"));
    assertThatThrownBy(() -> store.get(sha)).isInstanceOf(CorruptBlobException.class)
        .hasMessageContaining("blob " + sha + " is corrupt");
  }

  @Test
  void rootsAreKeysBesideTheBlobsAndTheSweeperKeepsWhatTheyList() {
    BlobStore store = new S3BlobStore(client, BUCKET, "swept");
    String retained = store.put(bytes("retained"));
    String orphan = store.put(bytes("orphan"));
    store.retain("resource/p/ns/r", List.of(retained));
    assertThat(s3.keys(BUCKET, "swept/roots/")).containsExactly("swept/roots/resource%2Fp%2Fns%2Fr");
    assertThat(store.roots()).containsExactly(retained);
    Instant now = Instant.now();

    assertThat(new BlobSweeper(store, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC)).sweep())
        .as("young blobs stay").isZero();
    assertThat(new BlobSweeper(store, Duration.ofHours(1), Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC))
        .sweep()).isEqualTo(1);
    assertThat(store.exists(orphan)).isFalse();
    assertThat(store.exists(retained)).isTrue();

    store.release("resource/p/ns/r");
    assertThat(store.roots()).isEmpty();
  }
}

package dev.kratixtemporal.activities.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collection on a real folder store: what some owner lists stays, old unlisted blobs go, young ones stay. */
class BlobSweeperTest {
  @TempDir
  Path dir;

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void aRetainedBlobSurvivesAnOldUnreferencedOneGoesAYoungUnreferencedOneStays() {
    FolderBlobStore store = new FolderBlobStore(dir);
    String retained = store.put("retained".getBytes(StandardCharsets.UTF_8));
    String orphan = store.put("orphan".getBytes(StandardCharsets.UTF_8));
    store.retain("resource/p/ns/r", List.of(retained));
    Instant put = Instant.now();

    // Half the grace period later: nothing goes.
    assertThat(new BlobSweeper(store, Duration.ofHours(1), at(put.plus(Duration.ofMinutes(30)))).sweep()).isZero();
    assertThat(store.exists(orphan)).isTrue();

    // Two hours later the orphan is old; the retained blob stays however old it is.
    String young = store.put("young".getBytes(StandardCharsets.UTF_8));
    store.path(young).toFile().setLastModified(put.plus(Duration.ofHours(2)).toEpochMilli());
    int deleted = new BlobSweeper(store, Duration.ofHours(1), at(put.plus(Duration.ofHours(2)).plusSeconds(5))).sweep();

    assertThat(deleted).isEqualTo(1);
    assertThat(store.exists(orphan)).isFalse();
    assertThat(store.exists(retained)).isTrue();
    assertThat(store.exists(young)).isTrue();

    // Released: the next sweep takes it too.
    store.release("resource/p/ns/r");
    new BlobSweeper(store, Duration.ofHours(1), at(put.plus(Duration.ofHours(2)).plusSeconds(5))).sweep();
    assertThat(store.exists(retained)).isFalse();
    assertThat(store.exists(young)).isTrue();
  }
}

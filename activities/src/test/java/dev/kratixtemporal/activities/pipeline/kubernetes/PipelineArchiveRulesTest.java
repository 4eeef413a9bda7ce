package dev.kratixtemporal.activities.pipeline.kubernetes;

import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.pipeline.OutputLimits;
import dev.kratixtemporal.activities.pipeline.PipelineFiles;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Job runtime's output archive, made by real tar from a pod's folders as a hostile pipeline left them: the same
 * rules as the podman runtime (PipelineOutputRules), and nothing written outside the run's folders.
 */
class PipelineArchiveRulesTest {
  final FolderBlobStore blobs = TestBlobs.temporary();

  @TempDir
  Path tmp;
  Path pod;
  PipelineFiles files;
  String marker;
  Path secret;

  @BeforeEach
  void folders() throws Exception {
    pod = tmp.resolve("pod");
    Files.createDirectories(pod.resolve("kratix/output"));
    Files.createDirectories(pod.resolve("kratix/metadata"));
    files = new PipelineFiles(tmp.resolve("unpacked"));
    marker = "HOST-MARKER-" + UUID.randomUUID();
    secret = Files.writeString(tmp.resolve("secret.yaml"), "marker: " + marker + "\n");
  }

  /** The collector's log of the pod's folders, as its script makes it (GNU tar here, busybox tar in the pod). */
  private String collectorLog() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "echo '" + PipelineArchive.BEGIN + "'; tar -czf - -C " + pod
        + " kratix/output kratix/metadata | base64; echo '" + PipelineArchive.END + "'").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    return out;
  }

  private void assertRefused(OutputLimits limits, String message) throws Exception {
    String log = collectorLog();
    assertThatThrownBy(() -> PipelineArchive.unpack(log, files, limits)).isInstanceOf(InvalidDocumentException.class)
        .hasMessage(message);
    try (Stream<Path> unpacked = Files.walk(files.output.getParent())) {
      for (Path p : unpacked.filter(Files::isRegularFile).toList()) assertThat(Files.readString(p)).doesNotContain(marker);
    }
  }

  @Test
  void aSymlinkEntryIsRefused() throws Exception {
    Files.writeString(pod.resolve("kratix/output/a.yaml"), "a: 1\n");
    Files.createSymbolicLink(pod.resolve("kratix/output/x.yaml"), secret);
    assertRefused(OutputLimits.defaults(), "/kratix/output/x.yaml is a symbolic link; pipeline outputs must be regular files");
  }

  @Test
  void aSymlinkedStatusFileIsRefused() throws Exception {
    Files.createSymbolicLink(pod.resolve("kratix/metadata/status.yaml"), secret);
    assertRefused(OutputLimits.defaults(),
        "/kratix/metadata/status.yaml is a symbolic link; pipeline metadata files must be regular files");
  }

  @Test
  void hardLinksAndFifosAreRefused() throws Exception {
    Files.writeString(pod.resolve("kratix/output/a.yaml"), "a: 1\n");
    Files.createLink(pod.resolve("kratix/output/b.yaml"), pod.resolve("kratix/output/a.yaml"));
    String log = collectorLog(); // which name tar stores as the link depends on the folder's order
    assertThatThrownBy(() -> PipelineArchive.unpack(log, files, OutputLimits.defaults()))
        .hasMessageMatching("/kratix/output/[ab]\\.yaml is a hard link; pipeline outputs must be regular files");

    Files.delete(pod.resolve("kratix/output/b.yaml"));
    assertThat(new ProcessBuilder("mkfifo", pod.resolve("kratix/output/p.yaml").toString()).start().waitFor()).isZero();
    files = new PipelineFiles(tmp.resolve("again"));
    assertRefused(OutputLimits.defaults(),
        "/kratix/output/p.yaml is a special file (fifo, socket or device); pipeline outputs must be regular files");
  }

  @Test
  void moreFilesThanTheLimitAreCountedAndRefused() throws Exception {
    for (int i = 0; i < 5000; i++) Files.writeString(pod.resolve("kratix/output/f" + i + ".yaml"), "");
    assertRefused(new OutputLimits(0, 1000, 0), "/kratix/output: holds 5000 files, more than the limit of 1000 files");
    try (Stream<Path> unpacked = Files.list(files.output)) {
      assertThat(unpacked.count()).as("nothing past the limit is written").isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void aGitFolderIsRefused() throws Exception {
    Files.createDirectories(pod.resolve("kratix/output/app/.git"));
    Files.writeString(pod.resolve("kratix/output/app/.git/config"), "[core]\n");
    assertRefused(OutputLimits.defaults(),
        "/kratix/output/app/.git has a .git path segment; pipeline outputs may not hold Git metadata");
  }

  @Test
  void regularFilesAndFoldersStillComeBack() throws Exception {
    Files.createDirectories(pod.resolve("kratix/output/sub"));
    Files.writeString(pod.resolve("kratix/output/sub/a.yaml"), "a: 1\n");
    Files.writeString(pod.resolve("kratix/metadata/status.yaml"), "ok: true\n");
    PipelineArchive.unpack(collectorLog(), files, OutputLimits.defaults());
    var result = files.result(OutputLimits.defaults(), "", blobs);
    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.outputs()).extracting(o -> o.path() + "=" + TestBlobs.text(blobs, o)).containsExactly("sub/a.yaml=a: 1\n");
    assertThat(result.status().path("ok").asBoolean()).isTrue();
  }
}

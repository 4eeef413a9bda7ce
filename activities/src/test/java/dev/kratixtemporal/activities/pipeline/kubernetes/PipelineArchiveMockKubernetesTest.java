package dev.kratixtemporal.activities.pipeline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activities.pipeline.OutputLimits;
import dev.kratixtemporal.activities.pipeline.PipelineFiles;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The collector log format on its own: archives from real tar in each of its formats, and hostile ones. No API server. */
class PipelineArchiveMockKubernetesTest {
  @TempDir
  Path tmp;

  private String realTarLog(String format, Path root) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "echo '" + PipelineArchive.BEGIN + "'; tar --format=" + format
        + " -czf - -C " + root + " kratix/output kratix/metadata | base64; echo '" + PipelineArchive.END + "'")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix", "ustar"})
  void longPathsSurviveEveryTarFormatAndScratchMetadataIsIgnored(String format) throws Exception {
    Path root = tmp.resolve("pod");
    String deep = "a-rather-long-directory-name/".repeat(5); // 145 chars: a GNU long name, a pax path, a ustar prefix
    Files.createDirectories(root.resolve("kratix/output/" + deep));
    Files.writeString(root.resolve("kratix/output/" + deep + "f.yaml"), "x: 1\n");
    Files.createDirectories(root.resolve("kratix/metadata"));
    Files.writeString(root.resolve("kratix/metadata/status.yaml"), "ok: true\n");
    Files.writeString(root.resolve("kratix/metadata/scratch.bin"), "x".repeat(3000));

    PipelineFiles files = new PipelineFiles(tmp.resolve("out"));
    PipelineArchive.unpack(realTarLog(format, root), files, limit(2000));
    assertThat(files.outputs(limit(2000))).singleElement().satisfies(o -> assertThat(o.path()).isEqualTo(deep + "f.yaml"));
    assertThat(files.status(limit(2000)).path("ok").asBoolean()).isTrue();
    assertThat(Files.exists(files.metadata.resolve("scratch.bin"))).as("scratch space is not brought back").isFalse();
  }

  @Test
  void anEntryEscapingOutputIsRejected() throws Exception {
    String log = log(tarEntry("kratix/output/../../evil.sh", "boom"));
    PipelineFiles files = new PipelineFiles(tmp.resolve("out"));
    assertThatThrownBy(() -> PipelineArchive.unpack(log, files, limit(1000))).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("escapes its directory");
    assertThat(Files.exists(tmp.resolve("evil.sh"))).isFalse();
  }

  @Test
  void damagedOrMissingArchivesAreClearErrors() throws Exception {
    PipelineFiles files = new PipelineFiles(tmp.resolve("out"));
    String garbage = PipelineArchive.BEGIN + "\n" + Base64.getEncoder().encodeToString("not gzip".getBytes()) + "\n" + PipelineArchive.END;
    assertThatThrownBy(() -> PipelineArchive.unpack(garbage, files, limit(1000))).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("output archive is damaged");
    assertThatThrownBy(() -> PipelineArchive.unpack("no archive here", files, limit(1000))).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("no complete output archive");
  }

  @Test
  void anArchiveThatUnpacksWithoutEndIsStoppedEarly() throws Exception {
    // One entry declaring far more than UNPACK_FACTOR times the limit: refused from its header alone.
    byte[] header = tarHeader("kratix/metadata/scratch", 16 * 1000 + 1);
    String log = log(header);
    assertThatThrownBy(() -> PipelineArchive.unpack(log, new PipelineFiles(tmp.resolve("out")), limit(1000)))
        .hasMessageContaining("unpacks to more than 16000 bytes");
  }

  private static OutputLimits limit(long bytes) {
    return new OutputLimits(bytes, 0, 0);
  }

  private static String log(byte[]... tarParts) throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (byte[] part : tarParts) out.write(part);
      out.write(new byte[1024]);
    }
    return PipelineArchive.BEGIN + "\n" + Base64.getMimeEncoder().encodeToString(gz.toByteArray()) + "\n" + PipelineArchive.END + "\n";
  }

  private static byte[] tarEntry(String name, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[512 + (data.length + 511) / 512 * 512];
    System.arraycopy(tarHeader(name, data.length), 0, out, 0, 512);
    System.arraycopy(data, 0, out, 512, data.length);
    return out;
  }

  /** A minimal ustar header: name, size, regular file (the reader ignores the rest). */
  private static byte[] tarHeader(String name, long size) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, n.length);
    byte[] s = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, h, 124, s.length);
    h[156] = '0';
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    return h;
  }
}

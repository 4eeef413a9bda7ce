package dev.kratixtemporal.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image filesystems written to reach the host: unpacking refuses them and nothing outside the folder changes. */
class RootfsExtractorTest {
  @TempDir
  Path host;
  Path root;

  @BeforeEach
  void folders() throws IOException {
    root = Files.createDirectories(host.resolve("cache/rootfs"));
    Files.writeString(host.resolve("secret"), "host file\n");
  }

  /** An entry: {type, name, link target or content}. */
  private static byte[] tar(String[]... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String[] e : entries) {
        TarArchiveEntry entry;
        switch (e[0]) {
          case "dir" -> entry = new TarArchiveEntry(e[1] + "/");
          case "symlink" -> {
            entry = new TarArchiveEntry(e[1], TarConstants.LF_SYMLINK);
            entry.setLinkName(e[2]);
          }
          case "hardlink" -> {
            entry = new TarArchiveEntry(e[1], TarConstants.LF_LINK);
            entry.setLinkName(e[2]);
          }
          default -> {
            entry = new TarArchiveEntry(e[1]);
            entry.setSize(e[2].getBytes(StandardCharsets.UTF_8).length);
            entry.setMode(Integer.parseInt(e.length > 3 ? e[3] : "644", 8));
          }
        }
        out.putArchiveEntry(entry);
        if (e[0].equals("file")) out.write(e[2].getBytes(StandardCharsets.UTF_8));
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private void extract(byte[] tar) throws IOException {
    RootfsExtractor.extract(new ByteArrayInputStream(tar), root);
  }

  private List<String> hostListing() throws IOException {
    try (Stream<Path> s = Files.walk(host)) {
      return s.filter(p -> !p.startsWith(root)).map(p -> host.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void anOrdinaryImageIsUnpackedWithItsLinksAsLinksAndItsModes() throws IOException {
    extract(tar(new String[] {"dir", "usr/bin"}, new String[] {"file", "usr/bin/tool", "#!/bin/sh\n", "4755"},
        new String[] {"symlink", "bin", "usr/bin"}, new String[] {"symlink", "etc/host", "/etc/passwd"},
        new String[] {"hardlink", "usr/bin/tool2", "usr/bin/tool"}));
    assertThat(Files.readString(root.resolve("usr/bin/tool"))).isEqualTo("#!/bin/sh\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/tool"))))
        .as("set-id bits dropped").isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(root.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
    assertThat(Files.readSymbolicLink(root.resolve("etc/host"))).as("kept as a link, never followed here")
        .isEqualTo(Path.of("/etc/passwd"));
    assertThat(Files.isSameFile(root.resolve("usr/bin/tool2"), root.resolve("usr/bin/tool"))).isTrue();
  }

  @Test
  void anEntryClimbingOutIsRefused() throws IOException {
    assertThatThrownBy(() -> extract(tar(new String[] {"file", "../../evil", "x"})))
        .hasMessage("image entry ../../evil leaves the image's folder");
    assertThatThrownBy(() -> extract(tar(new String[] {"file", "a/../../../evil", "x"})))
        .hasMessageContaining("leaves the image's folder");
    assertThat(hostListing()).containsExactly("", "cache", "secret");
  }

  @Test
  void anEntryWrittenThroughALinkIsRefused() throws IOException {
    assertThatThrownBy(() -> extract(tar(new String[] {"symlink", "escape", host.toString()},
        new String[] {"file", "escape/pwned", "x"})))
        .hasMessage("image entry escape/pwned lies under a link (escape)");
    assertThatThrownBy(() -> extract(tar(new String[] {"symlink", "up", "../.."}, new String[] {"file", "up/secret", "x"})))
        .hasMessageContaining("lies under a link");
    assertThat(hostListing()).containsExactly("", "cache", "secret");
    assertThat(Files.readString(host.resolve("secret"))).isEqualTo("host file\n");
  }

  @Test
  void aFileReplacingALinkReplacesTheLinkNotItsTarget() throws IOException {
    extract(tar(new String[] {"symlink", "f", host.resolve("secret").toString()}, new String[] {"file", "f", "image's own\n"}));
    assertThat(Files.isSymbolicLink(root.resolve("f"))).isFalse();
    assertThat(Files.readString(root.resolve("f"))).isEqualTo("image's own\n");
    assertThat(Files.readString(host.resolve("secret"))).isEqualTo("host file\n");
  }

  @Test
  void aHardLinkToAFileOutsideTheImageIsRefused() throws IOException {
    assertThatThrownBy(() -> extract(tar(new String[] {"hardlink", "copy", "../../secret"})))
        .hasMessageContaining("leaves the image's folder");
    assertThatThrownBy(() -> extract(tar(new String[] {"symlink", "s", host.resolve("secret").toString()},
        new String[] {"hardlink", "copy", "s"})))
        .hasMessage("image entry copy is a hard link to s, which is not a regular file of the image");
    assertThat(Files.exists(root.resolve("copy"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}

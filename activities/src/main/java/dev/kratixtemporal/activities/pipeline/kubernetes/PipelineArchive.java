package dev.kratixtemporal.activities.pipeline.kubernetes;

import dev.kratixtemporal.activities.pipeline.OutputLimits;
import dev.kratixtemporal.activities.pipeline.PipelineFiles;
import dev.kratixtemporal.activities.pipeline.PipelineOutputRules;
import dev.kratixtemporal.activities.pipeline.PipelineOutputRules.Kind;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * How outputs leave the pod without a shared disk: the collector prints {@code tar czf} of /kratix/output and
 * /kratix/metadata as base64 between two marker lines on its log; this class turns that log back into files
 * laid out as {@link PipelineFiles} expects, so both runtimes parse outputs one way. The markers tell a
 * complete archive from a truncated log.
 */
public final class PipelineArchive {
  static final String BEGIN = "--- kratix-temporal archive begin ---";
  static final String END = "--- kratix-temporal archive end ---";
  /** Run by the collector container (sh). */
  public static final String COLLECTOR_SCRIPT = "set -e; echo '" + BEGIN + "'; tar czf /tmp/kratix.tgz -C / kratix/output kratix/metadata;"
      + " base64 /tmp/kratix.tgz; echo '" + END + "'";

  private static final String OUTPUT_PREFIX = "kratix/output/";
  private static final String METADATA_PREFIX = "kratix/metadata/";
  /** Bounds the work of reading an archive (scratch files included), against archives that unpack without end. */
  static final long UNPACK_FACTOR = 16;

  private PipelineArchive() {}

  /**
   * Unpacks the archive in a collector log into {@code files}, by the rules the podman runtime reads its folders with
   * ({@link PipelineOutputRules}): links and special files are refused, files and bytes are counted against the same
   * limits. A missing, truncated or malformed archive, or a broken rule, is an InvalidDocumentException.
   */
  public static void unpack(String log, PipelineFiles files, OutputLimits limits) throws IOException {
    int begin = log.indexOf(BEGIN);
    int end = log.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      throw new InvalidDocumentException("the collector's log holds no complete output archive (truncated log?)");
    }
    byte[] gz;
    try {
      gz = Base64.getMimeDecoder().decode(log.substring(begin + BEGIN.length(), end).strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidDocumentException("the collector's output archive is not base64: " + e.getMessage());
    }
    long outputBytes = 0;
    long outputFiles = 0;
    long unpacked = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      TarReader tar = new TarReader(in);
      for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
        unpacked += e.size();
        if (unpacked > UNPACK_FACTOR * limits.maxBytes()) {
          throw new InvalidDocumentException("the collector's output archive unpacks to more than "
              + UNPACK_FACTOR * limits.maxBytes() + " bytes");
        }
        String name = e.name().replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
        Path target;
        if (name.startsWith(OUTPUT_PREFIX)) {
          String relative = name.substring(OUTPUT_PREFIX.length());
          PipelineOutputRules.checkOutput(relative, e.kind());
          if (e.kind() != Kind.REGULAR_FILE) continue; // folders are made as needed
          outputBytes += e.size();
          // Counted to the end for the message, written no more past a limit.
          if (++outputFiles > limits.maxFiles() || outputBytes > limits.maxBytes()) continue;
          target = inside(files.output, relative);
        } else if (name.startsWith(METADATA_PREFIX)
            && PipelineOutputRules.METADATA_FILES.contains(name.substring(METADATA_PREFIX.length()))) {
          String file = name.substring(METADATA_PREFIX.length());
          PipelineOutputRules.checkMetadata(file, e.kind());
          if (e.size() > limits.maxBytes()) throw new InvalidDocumentException(name, "is larger than " + limits.maxBytes() + " bytes");
          target = inside(files.metadata, file);
        } else { // other metadata files are scratch space between containers (Kratix docs: pipeline files under /kratix)
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
          tar.copyData(out);
        } catch (java.nio.file.FileAlreadyExistsException dup) {
          throw new InvalidDocumentException(name, "appears twice in the collector's output archive");
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidDocumentException("the collector's output archive is damaged: " + e.getMessage());
    }
    if (outputFiles > limits.maxFiles()) throw PipelineOutputRules.tooManyFiles(outputFiles, limits.maxFiles());
    if (outputBytes > limits.maxBytes()) throw PipelineOutputRules.tooLarge(outputBytes, limits.maxBytes());
  }

  private static Path inside(Path dir, String relative) {
    Path p = dir.resolve(relative).normalize();
    if (!p.startsWith(dir) || p.equals(dir)) throw new InvalidDocumentException(relative, "escapes its directory");
    return p;
  }

  /** Just enough of tar (ustar, GNU long names, pax path) to read what GNU or busybox tar writes. */
  static final class TarReader {
    record Entry(String name, char type, long size) {
      Kind kind() {
        return switch (type) {
          case '0', '\0', '7' -> Kind.REGULAR_FILE;
          case '5' -> Kind.DIRECTORY;
          case '1' -> Kind.HARD_LINK;
          case '2' -> Kind.SYMBOLIC_LINK;
          default -> Kind.OTHER;
        };
      }
    }

    private final InputStream in;
    private long remaining;   // data bytes of the current entry not yet read
    private long padding;     // bytes after the data up to the next 512-byte block

    TarReader(InputStream in) {
      this.in = in;
    }

    Entry next() throws IOException {
      skip(remaining + padding);
      String longName = null;
      while (true) {
        byte[] h = in.readNBytes(512);
        if (h.length < 512 || isZero(h)) return null;
        String name = field(h, 0, 100);
        String prefix = field(h, 345, 155);
        if (field(h, 257, 6).startsWith("ustar") && !field(h, 257, 8).equals("ustar  ") && !prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        char type = (char) h[156];
        long size = size(h);
        remaining = size;
        padding = (512 - size % 512) % 512;
        if (type == 'L') {
          longName = new String(readData(), StandardCharsets.UTF_8).replaceAll("\0+$", "");
          continue;
        }
        if (type == 'x') {
          String path = paxPath(new String(readData(), StandardCharsets.UTF_8));
          if (path != null) longName = path;
          continue;
        }
        return new Entry(longName != null ? longName : name, type, size);
      }
    }

    void copyData(OutputStream out) throws IOException {
      byte[] buf = new byte[8192];
      while (remaining > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
        if (n < 0) throw new java.io.EOFException("archive ends inside a file");
        out.write(buf, 0, n);
        remaining -= n;
      }
    }

    private byte[] readData() throws IOException {
      if (remaining > 1_000_000) throw new InvalidDocumentException("archive header entry too large");
      byte[] data = in.readNBytes((int) remaining);
      if (data.length < remaining) throw new java.io.EOFException("archive ends inside a header entry");
      remaining = 0;
      skip(padding);
      padding = 0;
      return data;
    }

    private void skip(long n) throws IOException {
      in.skipNBytes(n);
      remaining = 0;
      padding = 0;
    }

    private static String paxPath(String records) {
      for (String line : records.split("\n")) {
        int sp = line.indexOf(' ');
        if (sp > 0 && line.startsWith("path=", sp + 1)) return line.substring(sp + 1 + "path=".length());
      }
      return null;
    }

    private static long size(byte[] h) {
      if ((h[124] & 0x80) != 0) { // GNU base-256 for sizes over 8 GB
        long v = 0;
        for (int i = 125; i < 136; i++) v = (v << 8) | (h[i] & 0xff);
        return v;
      }
      String octal = field(h, 124, 12).trim();
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static String field(byte[] h, int off, int len) {
      int end = off;
      while (end < off + len && h[end] != 0) end++;
      return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
      for (byte b : h) if (b != 0) return false;
      return true;
    }
  }
}

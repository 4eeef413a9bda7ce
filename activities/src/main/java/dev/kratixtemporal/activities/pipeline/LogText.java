package dev.kratixtemporal.activities.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much of what containers print reaches a result, for the runtimes that run containers on this machine. */
final class LogText {
  static final int LOG_LIMIT = 16_384;
  private static final int MESSAGE_LINE_LIMIT = 1_000;

  private LogText() {}

  /** The end of what the container printed: only the tail is read, however much it wrote. */
  static String tail(Path file) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      long from = Math.max(0, size - 4L * LOG_LIMIT);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read to the end
      }
      buf.flip();
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(buf).toString();
      return from == 0 ? text : "...\n" + text.substring(Math.max(0, text.length() - LOG_LIMIT));
    }
  }

  static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1];
    return last.length() <= MESSAGE_LINE_LIMIT ? last : "..." + last.substring(last.length() - MESSAGE_LINE_LIMIT);
  }

  static String truncate(StringBuilder logs) {
    return logs.length() <= LOG_LIMIT ? logs.toString() : "...\n" + logs.substring(logs.length() - LOG_LIMIT);
  }
}

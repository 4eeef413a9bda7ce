package dev.kratixtemporal.api.admission;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that fails on malformed input instead of replacing it with U+FFFD. */
public final class StrictUtf8 {
  private StrictUtf8() {}

  public static String decode(byte[] bytes) throws CharacterCodingException {
    return decoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  /** The offset of the first byte that is not UTF-8, or -1 when all are. */
  public static int malformedAt(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    CharsetDecoder decoder = decoder();
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) return in.position();
      if (r.isUnderflow()) return decoder.flush(out).isError() ? in.position() : -1;
      out.clear();
    }
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}

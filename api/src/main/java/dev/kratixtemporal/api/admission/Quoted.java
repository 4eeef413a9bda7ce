package dev.kratixtemporal.api.admission;

/** A user's value echoed in an error message: shortened, and with control characters made visible. */
final class Quoted {
  private static final int MAX = 80;

  private Quoted() {}

  static String of(String value) {
    StringBuilder out = new StringBuilder("'");
    value.codePoints().limit(MAX).forEach(c -> {
      if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04x", c));
      else out.appendCodePoint(c);
    });
    if (value.codePointCount(0, value.length()) > MAX) out.append("...");
    return out.append("'").toString();
  }
}

package dev.kratixtemporal.logic;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the way Kratix (Go) writes them: "10h", "1m30s", "500ms". */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** @throws IllegalArgumentException naming the text when it is not a duration */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration");
    String t = text.strip();
    if (t.equals("0")) return Duration.ZERO;
    Matcher m = PART.matcher(t);
    int at = 0;
    double nanos = 0;
    while (m.find()) {
      if (m.start() != at) throw new IllegalArgumentException("invalid duration '" + text + "'");
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      at = m.end();
    }
    if (at != t.length() || at == 0) throw new IllegalArgumentException("invalid duration '" + text + "'");
    return Duration.ofNanos((long) nanos);
  }
}

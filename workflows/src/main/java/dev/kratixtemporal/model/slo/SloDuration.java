package dev.kratixtemporal.model.slo;

import dev.kratixtemporal.logic.GoDuration;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in SLO documents: OpenSLO's shorthand (a whole number and one of s, m, h, d, w: {@code 28d}, {@code 5m})
 * or the Go form Kratix documents use ({@code 1m30s}, {@code 1.5h}). OpenSLO's calendar units (M, Q, Y) only make
 * sense for calendar-aligned windows, which are not supported (docs/slos.md).
 */
public final class SloDuration {
  private static final Pattern SHORTHAND = Pattern.compile("(\\d+)([smhdwMQY])");

  private SloDuration() {}

  /** @throws InvalidDocumentException naming the field when the text is not a positive duration */
  public static Duration parse(String text, String field) {
    if (text == null || text.isBlank()) throw new InvalidDocumentException(field, "is required");
    Matcher m = SHORTHAND.matcher(text.strip());
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> throw new InvalidDocumentException(field,
            "calendar units (M, Q, Y) need a calendar-aligned window, which is not supported: use d or w, got '"
                + text + "'");
      };
    } else {
      try {
        d = GoDuration.parse(text);
      } catch (IllegalArgumentException e) {
        throw new InvalidDocumentException(field,
            "must be a duration such as 28d, 1h, 5m or 1m30s, got '" + text + "'");
      }
    }
    if (d.isZero() || d.isNegative()) throw new InvalidDocumentException(field, "must be longer than zero, got '" + text + "'");
    return d;
  }
}

package dev.kratixtemporal.logic;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one file of an aggregatedYAML Destination (Kratix docs: aggregatedYAML): every workload of every placement, placements sorted by
 * name, separated by "\n---\n". Each placement's part starts with a comment naming it, so that one placement can be
 * replaced or removed without knowing the others' documents; YAML readers and GitOps agents ignore comments.
 */
public final class AggregatedYaml {
  private static final String MARKER = "# kratix.io/work-placement: ";
  private static final Pattern MARKER_LINE = Pattern.compile("(?m)^" + Pattern.quote(MARKER) + "(\\S+)\\s*$");
  private static final String SEPARATOR = "\n---\n";

  private AggregatedYaml() {}

  /**
   * The file with one placement's part replaced (or removed when documents is empty).
   *
   * @param existing the file's current content, or null when it does not exist
   * @return the new content, or null when no placement is left (the file is removed)
   */
  public static String merge(String existing, String placement, List<String> documents) {
    Map<String, String> parts = parts(existing);
    if (documents.isEmpty()) {
      parts.remove(placement);
    } else {
      parts.put(placement, String.join(SEPARATOR, documents.stream().map(AggregatedYaml::trim).toList()));
    }
    if (parts.isEmpty()) return null;
    StringBuilder out = new StringBuilder();
    parts.forEach((name, body) -> {
      if (out.length() > 0) out.append(SEPARATOR);
      out.append(MARKER).append(name).append('\n').append(body);
    });
    return out.append('\n').toString();
  }

  /** The placements' parts of a file, by placement name. */
  static Map<String, String> parts(String content) {
    Map<String, String> parts = new TreeMap<>();
    if (content == null) return parts;
    Matcher m = MARKER_LINE.matcher(content);
    String name = null;
    int bodyStart = 0;
    while (m.find()) {
      if (name != null) parts.put(name, body(content.substring(bodyStart, m.start())));
      name = m.group(1);
      bodyStart = Math.min(content.length(), m.end() + 1);
    }
    if (name != null) parts.put(name, body(content.substring(bodyStart)));
    return parts;
  }

  private static String body(String raw) {
    String body = trim(raw);
    return body.endsWith("\n---") ? trim(body.substring(0, body.length() - 4)) : body;
  }

  private static String trim(String s) {
    return s.strip();
  }
}

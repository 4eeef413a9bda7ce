package dev.kratixtemporal.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference in Docker's grammar: {@code [registry[:port]/]path[:tag][@digest]}. Anything else,
 * above all a string starting with '-', would be read by a container runtime as an option, so it never gets there.
 *
 * @param registry host[:port], or empty for the default registry
 * @param path lower-case path components separated by '/'
 * @param tag the tag, or empty
 * @param digest algorithm:hex, or empty
 */
public record ImageReference(String registry, String path, String tag, String digest) {
  /** Docker's limit on registry plus path. */
  private static final int MAX_NAME_LENGTH = 255;
  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|-+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])";
  private static final Pattern REGISTRY = Pattern.compile(HOST + "(?::[0-9]+)?");
  private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern SPLIT = Pattern.compile("^([^@]*?)(?::([^:/@]*))?(?:@(.*))?$");

  /** Whether a string is a valid image reference; what a runtime may be handed. */
  public static boolean isValid(String reference) {
    return parse(reference).isPresent();
  }

  /** The reference's parts, or empty when it is not a valid reference. */
  public static Optional<ImageReference> parse(String reference) {
    if (reference == null || reference.isEmpty() || !reference.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.empty();
    }
    Matcher m = SPLIT.matcher(reference);
    if (!m.matches()) return Optional.empty();
    String name = m.group(1);
    String tag = m.group(2) == null ? "" : m.group(2);
    String digest = m.group(3) == null ? "" : m.group(3);
    if (m.group(2) != null && !TAG.matcher(tag).matches()) return Optional.empty();
    if (m.group(3) != null && !DIGEST.matcher(digest).matches()) return Optional.empty();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) return Optional.empty();
    String registry = "";
    String path = name;
    int slash = name.indexOf('/');
    // Docker's rule: the first component names a registry only if it looks like a host.
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
        registry = first;
        path = name.substring(slash + 1);
      }
    }
    if (!registry.isEmpty() && !REGISTRY.matcher(registry).matches()) return Optional.empty();
    if (!PATH.matcher(path).matches()) return Optional.empty();
    return Optional.of(new ImageReference(registry, path, tag, digest));
  }
}

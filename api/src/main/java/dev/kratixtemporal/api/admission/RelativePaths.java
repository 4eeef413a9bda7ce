package dev.kratixtemporal.api.admission;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Locale;

/**
 * Paths inside a state store (a Destination's spec.path, a store's spec.path, an aggregated file's name). Writers
 * join them under the store's root, so one that climbs out ("..") or points into Git's own folder would write or
 * delete files elsewhere.
 */
public final class RelativePaths {
  private RelativePaths() {}

  /**
   * @param rootAllowed whether "", "." and "/" (the store's root) are fine
   */
  public static void require(String field, String path, boolean rootAllowed) {
    if (path.isEmpty() || path.equals(".") || path.equals("/")) {
      if (rootAllowed) return;
      throw new InvalidDocumentException(field, "must name a file, got " + Quoted.of(path));
    }
    if (path.startsWith("/")) {
      throw new InvalidDocumentException(field, "must be relative to the state store, got " + Quoted.of(path));
    }
    if (path.length() > 1024) throw new InvalidDocumentException(field, "must be at most 1024 characters");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new InvalidDocumentException(field, "must not contain control characters or '\\', got "
            + Quoted.of(path));
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        throw new InvalidDocumentException(field, "must stay inside the state store (no '..'), got " + Quoted.of(path));
      }
      if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
        throw new InvalidDocumentException(field, "must not be inside '.git', got " + Quoted.of(path));
      }
    }
  }
}

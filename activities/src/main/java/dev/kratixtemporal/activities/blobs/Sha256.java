package dev.kratixtemporal.activities.blobs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Blob addresses: lowercase hex sha256, checked before they become a file name or a key. */
final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {}

  static String of(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String checked(String sha256) {
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a sha256 blob address: " + sha256);
    }
    return sha256;
  }

  /** The bytes, after checking they hash to their address. */
  static byte[] verified(String sha256, byte[] content) {
    String actual = of(content);
    if (!actual.equals(sha256)) throw new CorruptBlobException(sha256, actual);
    return content;
  }

  /** An owner id (a workflow id, with slashes) as one file name or key segment. */
  static String escapeOwner(String owner) {
    return java.net.URLEncoder.encode(owner, java.nio.charset.StandardCharsets.UTF_8);
  }
}

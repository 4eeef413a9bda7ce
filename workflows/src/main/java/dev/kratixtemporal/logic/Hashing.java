package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes Kratix uses for ids and for deciding when a spec changed. */
public final class Hashing {
  private Hashing() {}

  public static String md5(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** sha256 of the text's UTF-8 bytes, lowercase hex: a blob's address in the blob store. */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** md5 of the canonical JSON of a spec: equal for equal specs whatever their key order. */
  public static String specHash(JsonNode spec) {
    return md5(KratixYaml.canonicalJson(spec));
  }

  /** A resource workflow reruns when either the Promise spec or the request spec changes (Kratix 5.7). */
  public static String resourceHash(JsonNode promiseSpec, JsonNode requestSpec) {
    return md5(specHash(promiseSpec) + "-" + specHash(requestSpec));
  }

  /** A workload group id: md5 of its directory ("." for the root group). */
  public static String groupId(String directory) {
    return md5(directory);
  }
}

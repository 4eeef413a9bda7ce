package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.SecretRef;
import java.nio.charset.CharacterCodingException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Kubernetes v1 Secret as users write it for Kratix stores: {@code data} in base64 and/or {@code stringData} in
 * plain text (which wins, as in Kubernetes). Values are kept as text, so a value that is not UTF-8 or not a string is
 * refused rather than stored altered. Error messages name keys, never values.
 */
public record SecretDocument(SecretRef ref, Map<String, String> data) {
  /** Line breaks in wrapped base64 are fine; any other character that is not base64 is an error, not skipped. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  public static boolean is(JsonNode doc) {
    return "Secret".equals(Docs.kind(doc)) && "v1".equals(Docs.apiVersion(doc));
  }

  public static SecretDocument parse(JsonNode doc) {
    String name = Docs.name(doc);
    if (name.isEmpty()) throw new InvalidDocumentException("metadata.name", "is required");
    KubernetesNames.requireSubdomain("metadata.name", name, KubernetesNames.SUBDOMAIN_MAX);
    String namespace = Docs.namespace(doc).isEmpty() ? "default" : Docs.namespace(doc);
    KubernetesNames.requireLabel("metadata.namespace", namespace);
    Map<String, String> data = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = entries(doc, "data"); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "data." + e.getKey();
      try {
        data.put(e.getKey(), StrictUtf8.decode(Base64.getDecoder().decode(WHITESPACE.matcher(value(e, field)).replaceAll(""))));
      } catch (IllegalArgumentException bad) {
        throw new InvalidDocumentException(field, "is not base64");
      } catch (CharacterCodingException bad) {
        throw new InvalidDocumentException(field, "does not decode to UTF-8 text");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = entries(doc, "stringData"); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      data.put(e.getKey(), value(e, "stringData." + e.getKey()));
    }
    if (data.isEmpty()) throw new InvalidDocumentException("data", "a Secret needs data or stringData");
    return new SecretDocument(new SecretRef(namespace, name), data);
  }

  private static Iterator<Map.Entry<String, JsonNode>> entries(JsonNode doc, String field) {
    JsonNode node = doc.path(field);
    if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
      throw new InvalidDocumentException(field, "must be a map of keys to strings");
    }
    return node.fields();
  }

  private static String value(Map.Entry<String, JsonNode> e, String field) {
    if (!KubernetesNames.isSecretKey(e.getKey())) {
      throw new InvalidDocumentException(field, "key must be letters, digits, '-', '_' and '.'");
    }
    if (!e.getValue().isTextual()) throw new InvalidDocumentException(field, "must be a string");
    return e.getValue().asText();
  }
}

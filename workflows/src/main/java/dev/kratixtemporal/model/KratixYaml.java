package dev.kratixtemporal.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes Kratix documents as YAML or JSON, multi-document files included. */
public final class KratixYaml {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  public static final ObjectMapper JSON = new ObjectMapper();
  /** Sorted keys, so that a hash does not depend on the order a user wrote fields in. */
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private KratixYaml() {}

  /** Parses every document of a YAML (or JSON) text; empty documents are skipped. */
  public static List<ObjectNode> parseAll(String text) {
    List<ObjectNode> docs = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
      int index = 0;
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        index++;
        if (node == null || node.isNull() || node.isMissingNode()) continue;
        if (!node.isObject()) {
          throw new InvalidDocumentException("document " + index + " is not a YAML mapping");
        }
        docs.add((ObjectNode) node);
      }
    } catch (IOException e) {
      throw new InvalidDocumentException("not valid YAML or JSON: " + firstLine(e.getMessage()));
    }
    return docs;
  }

  public static ObjectNode parseOne(String text) {
    List<ObjectNode> docs = parseAll(text);
    if (docs.size() != 1) throw new InvalidDocumentException("expected one document, found " + docs.size());
    return docs.get(0);
  }

  public static String toYaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** All documents joined the Kubernetes way. */
  public static String toYaml(List<? extends JsonNode> nodes) {
    StringBuilder out = new StringBuilder();
    for (JsonNode node : nodes) {
      if (out.length() > 0) out.append("---\n");
      out.append(toYaml(node));
    }
    return out.toString();
  }

  public static String canonicalJson(JsonNode node) {
    try {
      // Tree nodes keep insertion order; round-trip through a map so keys are sorted.
      Object plain = CANONICAL.treeToValue(node, Object.class);
      return CANONICAL.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable input";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

package dev.kratixtemporal.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads and writes Kratix documents as YAML or JSON, multi-document files included. */
public final class KratixYaml {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  /** A key twice in one JSON object is an error, not "the last one wins". */
  public static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** Sorted keys, so that a hash does not depend on the order a user wrote fields in. */
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private KratixYaml() {}

  /**
   * Parses every document of a YAML (or JSON) text; empty documents are skipped. SnakeYAML reads it, because
   * Jackson's YAML parser leaves aliases and merge keys unresolved (the aws-rds sample shares env with them).
   */
  public static List<ObjectNode> parseAll(String text) {
    List<ObjectNode> docs = new ArrayList<>();
    try {
      int index = 0;
      for (Object doc : snakeYaml().loadAll(text)) {
        index++;
        if (doc == null) continue;
        if (!(doc instanceof java.util.Map)) {
          throw new InvalidDocumentException("document " + index + " is not a YAML mapping");
        }
        docs.add(JSON.valueToTree(doc));
      }
    } catch (MarkedYAMLException e) {
      // The problem itself (a duplicate key, a bad indent) and where, rather than the context it was found in.
      String where = e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")";
      throw new InvalidDocumentException("not valid YAML or JSON: " + firstLine(e.getProblem()) + where);
    } catch (YAMLException | IllegalArgumentException e) {
      throw new InvalidDocumentException("not valid YAML or JSON: " + firstLine(e.getMessage()));
    }
    return docs;
  }

  /**
   * Timestamps stay strings, as Kubernetes keeps them. A key given twice in one mapping is an error (JSON text is
   * read here too), as it is for the Kubernetes API server: which of the two values counts would be a guess.
   */
  private static Yaml snakeYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // The API bounds the body it reads; this only has to let such a body through.
    options.setCodePointLimit(16 * 1024 * 1024);
    Resolver resolver = new Resolver() {
      @Override
      public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
        if (!tag.equals(Tag.TIMESTAMP)) super.addImplicitResolver(tag, regexp, first, limit);
      }
    };
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, resolver);
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

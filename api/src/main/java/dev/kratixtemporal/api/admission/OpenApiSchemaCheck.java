package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a CRD's openAPIV3Schema the way the Kubernetes API server does before it accepts the CRD, so a Promise
 * never carries a schema that would fail (or silently not check) its requests later. Keywords are Kubernetes'
 * JSONSchemaProps; references ($ref, definitions) are refused there, and here also keep the validator from loading
 * anything.
 */
public final class OpenApiSchemaCheck {
  private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
  private static final Set<String> SCHEMA_KEYWORDS = Set.of("allOf", "anyOf", "oneOf");
  private static final Set<String> STRING_KEYWORDS = Set.of("description", "format", "title",
      "x-kubernetes-list-type", "x-kubernetes-map-type");
  private static final Set<String> BOOLEAN_KEYWORDS = Set.of("exclusiveMaximum", "exclusiveMinimum", "uniqueItems",
      "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
      "x-kubernetes-int-or-string");
  private static final Set<String> NUMBER_KEYWORDS = Set.of("maximum", "minimum", "multipleOf");
  private static final Set<String> COUNT_KEYWORDS = Set.of("maxLength", "minLength", "maxItems", "minItems",
      "maxProperties", "minProperties");
  private static final Set<String> OTHER_KEYWORDS = Set.of("type", "default", "enum", "pattern", "required", "items",
      "properties", "additionalProperties", "patternProperties", "not", "example", "externalDocs",
      "x-kubernetes-list-map-keys", "x-kubernetes-validations");
  private static final Set<String> REFUSED = Set.of("$ref", "$schema", "id", "definitions", "dependencies",
      "additionalItems");

  private OpenApiSchemaCheck() {}

  /** Throws naming the first bad keyword as a path below {@code at}. */
  public static void check(JsonNode schema, String at) {
    if (!schema.isObject()) throw new InvalidDocumentException(at, "must be a schema object");
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      keyword(e.getKey(), e.getValue(), at + "." + e.getKey(), schema);
    }
  }

  private static void keyword(String key, JsonNode value, String at, JsonNode schema) {
    if (REFUSED.contains(key)) throw new InvalidDocumentException(at, "is not allowed in a CustomResourceDefinition");
    if (STRING_KEYWORDS.contains(key)) {
      if (!value.isTextual()) throw new InvalidDocumentException(at, "must be a string");
    } else if (BOOLEAN_KEYWORDS.contains(key)) {
      if (!value.isBoolean()) throw new InvalidDocumentException(at, "must be true or false");
    } else if (NUMBER_KEYWORDS.contains(key)) {
      if (!value.isNumber()) throw new InvalidDocumentException(at, "must be a number");
    } else if (COUNT_KEYWORDS.contains(key)) {
      if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
        throw new InvalidDocumentException(at, "must be a non-negative integer");
      }
    } else if (SCHEMA_KEYWORDS.contains(key)) {
      if (!value.isArray()) throw new InvalidDocumentException(at, "must be a list of schemas");
      for (int i = 0; i < value.size(); i++) check(value.get(i), at + "[" + i + "]");
    } else if (!OTHER_KEYWORDS.contains(key)) {
      throw new InvalidDocumentException(at, "unknown field \"" + key + "\"");
    } else {
      other(key, value, at, schema);
    }
  }

  private static void other(String key, JsonNode value, String at, JsonNode schema) {
    switch (key) {
      case "type" -> {
        if (!value.isTextual() || !TYPES.contains(value.asText())) {
          throw new InvalidDocumentException(at, "must be one of " + TYPES + ", got " + value);
        }
      }
      case "properties", "patternProperties" -> {
        if (!value.isObject()) throw new InvalidDocumentException(at, "must be an object of schemas");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (key.equals("patternProperties")) compile(e.getKey(), at);
          check(e.getValue(), at + "." + e.getKey());
        }
      }
      case "items", "not" -> check(value, at);
      case "additionalProperties" -> {
        if (!value.isBoolean()) check(value, at);
      }
      case "required", "x-kubernetes-list-map-keys" -> {
        if (!value.isArray()) throw new InvalidDocumentException(at, "must be a list of strings");
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isTextual()) throw new InvalidDocumentException(at + "[" + i + "]", "must be a string");
        }
      }
      case "pattern" -> {
        if (!value.isTextual()) throw new InvalidDocumentException(at, "must be a string");
        compile(value.asText(), at);
      }
      case "enum" -> {
        if (!value.isArray()) throw new InvalidDocumentException(at, "must be a list");
        for (int i = 0; i < value.size(); i++) requireType(schema, value.get(i), at + "[" + i + "]");
      }
      case "default" -> requireType(schema, value, at);
      case "externalDocs", "x-kubernetes-validations", "example" -> {
        // Free-form for us: CEL rules are not evaluated here, and examples are documentation.
      }
      default -> throw new IllegalStateException(key);
    }
  }

  /** Patterns are Go RE2 expressions in Kubernetes; a pattern RE2 cannot compile is refused there. */
  private static void compile(String pattern, String at) {
    try {
      com.google.re2j.Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new InvalidDocumentException(at, "is not a valid regular expression: " + e.getDescription());
    }
  }

  /** A default or enum value must be of the schema's type (when the schema names one). */
  private static void requireType(JsonNode schema, JsonNode value, String at) {
    JsonNode type = schema.path("type");
    if (!type.isTextual() || value.isNull()) return;
    boolean ok = switch (type.asText()) {
      case "string" -> value.isTextual() || schema.path("x-kubernetes-int-or-string").asBoolean(false);
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      default -> true;
    };
    if (!ok) throw new InvalidDocumentException(at, "must be of type " + type.asText() + ", got " + value);
  }
}

package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiSchemaCheckTest {

  private static void check(String yaml) {
    OpenApiSchemaCheck.check(KratixYaml.parseOne(yaml), "s");
  }

  @Test
  void acceptsATypicalKubernetesSchema() {
    assertThatCode(() -> check("""
        type: object
        properties:
          spec:
            type: object
            required: [size]
            x-kubernetes-preserve-unknown-fields: true
            properties:
              size: {type: string, enum: [small, large], default: small, pattern: '^[a-z]+$'}
              replicas: {type: integer, minimum: 1, maximum: 5, default: 1}
              port: {x-kubernetes-int-or-string: true}
              tags: {type: array, items: {type: string}, maxItems: 3}
              extra: {type: object, additionalProperties: {type: string}}
              ratio: {type: number, nullable: true, description: a ratio}
              any: {anyOf: [{type: string}, {type: integer}]}
        """)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{type: notatype}|s.type|must be one of",
      "{type: object, properties: {a: {type: string, pattern: '(['}}}|s.properties.a.pattern|is not a valid regular expression",
      "{type: array, items: [1, 2]}|s.items|must be a schema object",
      "{type: object, properties: [a, b]}|s.properties|must be an object of schemas",
      "{type: object, required: [1]}|s.required[0]|must be a string",
      "{type: object, required: a}|s.required|must be a list of strings",
      "{type: string, enum: [a, 5]}|s.enum[1]|must be of type string",
      "{type: integer, default: many}|s.default|must be of type integer",
      "{type: object, properties: {a: {$ref: 'http://example.com/s'}}}|s.properties.a.$ref|is not allowed",
      "{type: string, minLength: -1}|s.minLength|must be a non-negative integer",
      "{type: string, patern: x}|s.patern|unknown field",
      "{type: string, pattern: 'a(?=b)'}|s.pattern|is not a valid regular expression",
      "{type: object, additionalProperties: 5}|s.additionalProperties|must be a schema object",
      "{allOf: {type: string}}|s.allOf|must be a list of schemas"})
  void refusesWhatKubernetesRefuses(String schema, String field, String message) {
    assertThatThrownBy(() -> check(schema))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith(field + ": " + message);
  }
}

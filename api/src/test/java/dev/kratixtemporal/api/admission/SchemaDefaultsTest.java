package dev.kratixtemporal.api.admission;

import static dev.kratixtemporal.api.admission.ApiSamples.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {

  private static final ObjectNode SCHEMA = yaml("""
      type: object
      properties:
        spec:
          type: object
          properties:
            size: {type: string, default: small}
            replicas: {type: integer, default: 1}
            backup:
              type: object
              default: {}
              properties:
                enabled: {type: boolean, default: true}
                schedule: {type: string}
            users:
              type: array
              items:
                type: object
                properties:
                  role: {type: string, default: reader}
      """);

  @Test
  void redisSizeDefaultsToSmall() {
    ObjectNode request = yaml("spec: {}\n");

    SchemaDefaults.apply(ApiSamples.redis(), request);

    assertThat(request).isEqualTo(yaml("spec: {size: small}\n"));
  }

  @Test
  void redisExistingSizeIsNotOverwritten() {
    ObjectNode request = yaml("spec: {size: large}\n");

    SchemaDefaults.apply(ApiSamples.redis(), request);

    assertThat(request).isEqualTo(yaml("spec: {size: large}\n"));
  }

  @Test
  void namespaceSchemaHasNoDefaultsSoNothingIsAdded() {
    ObjectNode request = yaml("spec: {namespaceName: ns}\n");

    SchemaDefaults.apply(ApiSamples.namespace(), request);

    assertThat(request).isEqualTo(yaml("spec: {namespaceName: ns}\n"));
  }

  @Test
  void missingParentObjectIsNotCreatedForChildDefaults() {
    ObjectNode request = yaml("metadata: {name: x}\n");

    SchemaDefaults.apply(ApiSamples.redis(), request);

    assertThat(request.has("spec")).isFalse();
  }

  @Test
  void scalarDefaultsFillMissingFieldsOnly() {
    ObjectNode request = yaml("spec: {replicas: 3}\n");

    SchemaDefaults.apply(SCHEMA, request);

    assertThat(request.path("spec").path("size").asText()).isEqualTo("small");
    assertThat(request.path("spec").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void defaultedObjectGetsItsOwnChildDefaults() {
    ObjectNode request = yaml("spec: {}\n");

    SchemaDefaults.apply(SCHEMA, request);

    assertThat(request.path("spec").path("backup")).isEqualTo(yaml("enabled: true\n"));
  }

  @Test
  void existingObjectGetsChildDefaults() {
    ObjectNode request = yaml("spec: {backup: {schedule: daily}}\n");

    SchemaDefaults.apply(SCHEMA, request);

    assertThat(request.path("spec").path("backup")).isEqualTo(yaml("schedule: daily\nenabled: true\n"));
  }

  @Test
  void arrayItemsGetDefaults() {
    ObjectNode request = yaml("spec: {users: [{name: a}, {name: b, role: admin}]}\n");

    SchemaDefaults.apply(SCHEMA, request);

    assertThat(request.path("spec").path("users").get(0).path("role").asText()).isEqualTo("reader");
    assertThat(request.path("spec").path("users").get(1).path("role").asText()).isEqualTo("admin");
  }

  @Test
  void defaultValuesAreCopiesNotSharedWithTheSchema() {
    ObjectNode first = yaml("spec: {}\n");
    SchemaDefaults.apply(SCHEMA, first);
    ((ObjectNode) first.path("spec").path("backup")).put("enabled", false);

    ObjectNode second = yaml("spec: {}\n");
    SchemaDefaults.apply(SCHEMA, second);

    assertThat(second.path("spec").path("backup").path("enabled").asBoolean()).isTrue();
  }

  @Test
  void nullSchemaOrNodeIsIgnored() {
    ObjectNode request = yaml("spec: {}\n");

    SchemaDefaults.apply(null, request);
    SchemaDefaults.apply(SCHEMA, null);

    assertThat(request).isEqualTo(yaml("spec: {}\n"));
  }
}

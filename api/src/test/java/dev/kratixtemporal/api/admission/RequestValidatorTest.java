package dev.kratixtemporal.api.admission;

import static dev.kratixtemporal.api.admission.ApiSamples.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  private static final String REDIS_REQUEST = """
      apiVersion: marketplace.kratix.io/v1alpha1
      kind: redis
      metadata:
        name: example
        namespace: default
      spec: {}
      """;

  private static final String NAMESPACE_REQUEST = """
      apiVersion: marketplace.kratix.io/v1alpha1
      kind: namespace
      metadata:
        name: example
        namespace: default
      spec:
        namespaceName: promised-namespace
      """;

  private static final ObjectNode INLINE_SCHEMA = yaml("""
      type: object
      properties:
        spec:
          type: object
          required: [name]
          properties:
            name: {type: string}
            replicas: {type: integer, minimum: 1, default: 1}
            tags:
              type: array
              items: {type: string}
            tls:
              type: object
              properties:
                enabled: {type: boolean, default: false}
      """);

  private static InvalidDocumentException rejection(ObjectNode schema, ObjectNode request) {
    try {
      RequestValidator.validate(schema, request);
    } catch (InvalidDocumentException e) {
      return e;
    }
    throw new AssertionError("request was accepted: " + request);
  }

  @Test
  void redisSizeDefaultsToSmall() {
    ObjectNode request = yaml(REDIS_REQUEST);

    RequestValidator.validate(ApiSamples.redis(), request);

    assertThat(request.path("spec").path("size").asText()).isEqualTo("small");
  }

  @Test
  void redisValidRequestPassesUnchangedExceptDefaults() {
    ObjectNode request = yaml(REDIS_REQUEST);
    ObjectNode expected = request.deepCopy();
    ((ObjectNode) expected.get("spec")).put("size", "small");

    RequestValidator.validate(ApiSamples.redis(), request);

    assertThat(request).isEqualTo(expected);
  }

  @Test
  void redisExplicitSizeIsKept() {
    ObjectNode request = yaml(REDIS_REQUEST.replace("spec: {}", "spec: {size: large}"));

    RequestValidator.validate(ApiSamples.redis(), request);

    assertThat(request.path("spec").path("size").asText()).isEqualTo("large");
  }

  @Test
  void redisPatternViolationNamesSpecSize() {
    ObjectNode request = yaml(REDIS_REQUEST.replace("spec: {}", "spec: {size: medium}"));

    InvalidDocumentException e = rejection(ApiSamples.redis(), request);

    assertThat(e.field()).isEqualTo("spec.size");
    assertThat(e.getMessage()).contains("spec.size");
  }

  @Test
  void rejectedRequestIsNotModified() {
    ObjectNode request = yaml(REDIS_REQUEST.replace("spec: {}", "spec: {size: medium}"));
    ObjectNode before = request.deepCopy();

    rejection(ApiSamples.redis(), request);

    assertThat(request).isEqualTo(before);
  }

  @Test
  void namespaceValidRequestPassesUnchanged() {
    ObjectNode request = yaml(NAMESPACE_REQUEST);

    RequestValidator.validate(ApiSamples.namespace(), request);

    assertThat(request).isEqualTo(yaml(NAMESPACE_REQUEST));
  }

  @Test
  void namespaceMissingRequiredFieldNamesSpecNamespaceName() {
    ObjectNode request = yaml(NAMESPACE_REQUEST.replace("namespaceName: promised-namespace", "clusterName: c1"));

    InvalidDocumentException e = rejection(ApiSamples.namespace(), request);

    assertThat(e.field()).isEqualTo("spec.namespaceName");
    assertThat(e.getMessage()).contains("spec.namespaceName");
  }

  @Test
  void namespaceWrongTypeNamesTheField() {
    ObjectNode request = yaml(NAMESPACE_REQUEST.replace("namespaceName: promised-namespace", "namespaceName: [a, b]"));

    InvalidDocumentException e = rejection(ApiSamples.namespace(), request);

    assertThat(e.field()).isEqualTo("spec.namespaceName");
  }

  @Test
  void inlineWrongTypeNamesTheField() {
    ObjectNode request = yaml("metadata: {name: x}\nspec: {name: a, replicas: three}\n");

    InvalidDocumentException e = rejection(INLINE_SCHEMA, request);

    assertThat(e.field()).isEqualTo("spec.replicas");
    assertThat(e.getMessage()).contains("spec.replicas");
  }

  @Test
  void inlineMinimumViolationNamesTheField() {
    InvalidDocumentException e = rejection(INLINE_SCHEMA, yaml("spec: {name: a, replicas: 0}\n"));

    assertThat(e.field()).isEqualTo("spec.replicas");
  }

  @Test
  void inlineArrayItemTypeViolationNamesTheItem() {
    InvalidDocumentException e = rejection(INLINE_SCHEMA, yaml("spec: {name: a, tags: [ok, {not: string}]}\n"));

    assertThat(e.field()).startsWith("spec.tags");
  }

  @Test
  void inlineMissingRequiredNamesTheField() {
    InvalidDocumentException e = rejection(INLINE_SCHEMA, yaml("spec: {replicas: 2}\n"));

    assertThat(e.field()).isEqualTo("spec.name");
  }

  @Test
  void inlineValidRequestGetsDefaultsAndKeepsKubernetesFields() {
    ObjectNode request = yaml("""
        apiVersion: example.com/v1
        kind: Demo
        metadata: {name: x, namespace: default, labels: {a: b}}
        spec: {name: a, tls: {}}
        status: {message: old}
        """);

    RequestValidator.validate(INLINE_SCHEMA, request);

    assertThat(request).isEqualTo(yaml("""
        apiVersion: example.com/v1
        kind: Demo
        metadata: {name: x, namespace: default, labels: {a: b}}
        spec: {name: a, tls: {enabled: false}, replicas: 1}
        status: {message: old}
        """));
  }

  @Test
  void metadataIsNotValidatedAgainstTheSchema() {
    ObjectNode strict = yaml("""
        type: object
        additionalProperties: false
        properties:
          spec: {type: object}
        """);

    RequestValidator.validate(strict, yaml("apiVersion: a/v1\nkind: K\nmetadata: {name: x}\nspec: {}\nstatus: {}\n"));
  }

  @Test
  void nullSchemaAcceptsAnything() {
    ObjectNode request = yaml("spec: {anything: 1}\n");

    RequestValidator.validate(null, request);

    assertThat(request).isEqualTo(yaml("spec: {anything: 1}\n"));
  }
}

package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

class PromiseCrdTest {

  @Test
  void rewritesTheApiAsKratixDoes() {
    ObjectNode crd = PromiseCrd.from(KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata: {name: redis}
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: redis.marketplace.kratix.io, resourceVersion: "3"}
            spec:
              group: marketplace.kratix.io
              names: {kind: redis, plural: redis}
              scope: Namespaced
              versions:
                - name: v1alpha1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec: {type: object}
                        status: {type: object, properties: {only: {type: string}}}
        """));
    assertThat(crd.path("metadata").path("name").asText()).isEqualTo("redis.marketplace.kratix.io");
    assertThat(crd.path("metadata").has("resourceVersion")).isFalse();
    assertThat(crd.path("metadata").path("labels").path("kratix.io/promise-name").asText()).isEqualTo("redis");
    JsonNode version = crd.path("spec").path("versions").get(0);
    assertThat(version.path("subresources").has("status")).isTrue();
    JsonNode status = version.path("schema").path("openAPIV3Schema").path("properties").path("status");
    assertThat(status.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(status.has("properties")).isFalse();
    assertThat(version.path("additionalPrinterColumns")).extracting(c -> c.path("name").asText())
        .containsExactly("message", "status");
    assertThat(version.path("schema").path("openAPIV3Schema").path("properties").has("spec")).isTrue();
  }

  @Test
  void noApiNoCrd() {
    assertThat(PromiseCrd.from(KratixYaml.parseOne("{kind: Promise, metadata: {name: deps}, spec: {dependencies: []}}"))).isNull();
    assertThat(PromiseCrd.from(KratixYaml.parseOne("{kind: Promise, metadata: {name: deps}, spec: {api: {}}}"))).isNull();
  }
}

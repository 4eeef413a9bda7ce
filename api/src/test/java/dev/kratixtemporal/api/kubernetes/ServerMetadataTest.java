package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

class ServerMetadataTest {

  @Test
  void stripsWhatTheServerManagesAndKeepsWhatTheUserWrote() {
    ObjectNode cr = KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: redis
          labels: {kratix.io/promise-version: v1}
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Promise"}'
            team: data
          resourceVersion: "42"
          uid: 0f0e
          generation: 3
          creationTimestamp: "2026-01-01T00:00:00Z"
          deletionTimestamp: "2026-01-02T00:00:00Z"
          deletionGracePeriodSeconds: 0
          finalizers: [kratix.io/temporal-delete]
          managedFields: [{manager: kubectl}]
        spec: {api: {}}
        status: {message: old}
        """);
    ObjectNode doc = ServerMetadata.strip(cr);
    assertThat(KratixYaml.canonicalJson(doc)).isEqualTo(KratixYaml.canonicalJson(KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: redis
          labels: {kratix.io/promise-version: v1}
          annotations: {team: data}
        spec: {api: {}}
        """)));
    assertThat(cr.path("metadata").has("resourceVersion")).as("the input is left alone").isTrue();
  }

  @Test
  void dropsAnnotationsLeftEmpty() {
    ObjectNode doc = ServerMetadata.strip(KratixYaml.parseOne("""
        kind: Destination
        metadata:
          name: dev
          annotations: {kubectl.kubernetes.io/last-applied-configuration: x}
        """));
    assertThat(doc.path("metadata").has("annotations")).isFalse();
  }
}

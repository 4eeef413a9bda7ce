package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** HealthRecords fold into the request's status.healthStatus, worst state winning (Kratix's health-check test). */
class HealthRecordTest extends EndToEndTest {

  @Test
  void theWorstRecordWins() {
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: healthy-api
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: checks.test.kratix.dev
            spec:
              group: test.kratix.dev
              names: {kind: Check, plural: checks, singular: check}
              scope: Namespaced
              versions: [{name: v1alpha1, served: true, storage: true}]
        """);
    awaitAvailable("healthy-api");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Check
        metadata: {name: example, namespace: default}
        spec: {}
        """);
    eventually("example known", () -> api.getOrNull("/api/v1/promises/healthy-api/resources/default/example"),
        r -> r != null);
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: probe-a, namespace: default}
        data:
          promiseRef: {name: healthy-api}
          resourceRef: {name: example, namespace: default}
          state: healthy
          lastRun: 1700000000
          details: {latencyMs: 12}
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: probe-b, namespace: default}
        data:
          promiseRef: {name: healthy-api}
          resourceRef: {name: example, namespace: default}
          state: unhealthy
          lastRun: 1700000100
        """);
    JsonNode rr = eventually("healthStatus", () -> api.getOrNull("/api/v1/promises/healthy-api/resources/default/example"),
        r -> r.path("status").path("healthStatus").path("healthRecords").size() == 2);
    JsonNode health = rr.path("status").path("healthStatus");
    assertThat(health.path("state").asText()).isEqualTo("unhealthy");
    assertThat(health.path("healthRecords").findValuesAsText("state")).containsExactly("healthy", "unhealthy");
    assertThat(health.path("healthRecords").get(0).path("details").path("latencyMs").asInt()).isEqualTo(12);

    Api.Response unknown = api.apply("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: probe-c, namespace: default}
        data:
          promiseRef: {name: healthy-api}
          resourceRef: {name: missing, namespace: default}
          state: healthy
        """);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body().path("field").asText()).isEqualTo("data.resourceRef");
  }
}

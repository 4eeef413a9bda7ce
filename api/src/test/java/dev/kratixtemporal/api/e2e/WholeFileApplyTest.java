package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.LiveWorkflows;
import org.junit.jupiter.api.Test;

/**
 * A file is checked whole before any of it is applied (docs/admission.md): a request failing the schema of a Promise
 * defined earlier in the same file, not yet installed, refuses the Promise and the good request with it.
 */
class WholeFileApplyTest extends EndToEndTest {

  @Test
  void aRequestViolatingItsSchemaRefusesTheWholeFileAndTheFixedFileAppliesAllThree() {
    String bad = promise("wfa-db", "WfaDb") + "---\n" + request("WfaDb", "wfa-ok", "small") + "---\n"
        + request("WfaDb", "wfa-bad", "huge");

    Api.Response refused = api.apply(bad);

    assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(422);
    JsonNode problem = refused.body();
    assertThat(problem.path("field").asText()).isEqualTo("documents[2].spec.size");
    assertThat(problem.path("document").asInt()).isEqualTo(2);
    assertThat(problem.path("kind").asText()).isEqualTo("WfaDb");
    assertThat(problem.path("name").asText()).isEqualTo("default/wfa-bad");
    assertThat(problem.path("detail").asText()).contains("documents[2].spec.size", "WfaDb default/wfa-bad");
    assertThat(api.get("/api/v1/promises/wfa-db").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/promises/wfa-db/resources/default/wfa-ok").status()).isEqualTo(404);
    assertThat(LiveWorkflows.isRunning(temporal, "promise/wfa-db")).as("no Promise workflow started").isFalse();
    assertThat(LiveWorkflows.isRunning(temporal, "resource/wfa-db/default/wfa-ok")).as("no request workflow").isFalse();

    JsonNode applied = api.applyOk(bad.replace("size: huge", "size: large"));

    assertThat(applied).hasSize(3);
    assertThat(applied.get(0).path("workflowId").asText()).isEqualTo("promise/wfa-db");
    assertThat(applied.get(1).path("workflowId").asText()).isEqualTo("resource/wfa-db/default/wfa-ok");
    assertThat(applied.get(2).path("workflowId").asText()).isEqualTo("resource/wfa-db/default/wfa-bad");
    awaitAvailable("wfa-db");
    assertThat(api.getOrNull("/api/v1/promises/wfa-db/resources/default/wfa-ok").path("spec").path("size").asText())
        .isEqualTo("small");
    assertThat(api.getOrNull("/api/v1/promises/wfa-db/resources/default/wfa-bad").path("spec").path("size").asText())
        .isEqualTo("large");
  }

  /**
   * What a Promise's workflow would refuse (its API changing) is refused before the file's Destination is made, also
   * right after the Promise's first apply, before the catalog has heard of it. (The Destination matches no Promise,
   * so that nothing is scheduled to it should it ever be made.)
   */
  @Test
  void aPromiseChangingItsApiRefusesTheWholeFile() {
    api.applyOk(promise("wfa-imm", "WfaImm"));
    String file = """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: wfa-imm-dest, labels: {wfa: only}}
        spec:
          path: wfa-imm-dest
          strictMatchLabels: true
          stateStoreRef: {kind: GitStateStore, name: default}
        ---
        """ + promise("wfa-imm", "WfaImm").replace("kind: WfaImm", "kind: WfaOther");

    Api.Response refused = api.apply(file);

    assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(422);
    assertThat(refused.body().path("field").asText()).isEqualTo("documents[1].spec.api");
    assertThat(refused.body().path("detail").asText()).contains("cannot change", "Promise wfa-imm");
    assertThat(api.get("/api/v1/destinations/wfa-imm-dest").status()).isEqualTo(404);
  }

  private static String promise(String name, String kind) {
    String plural = kind.toLowerCase() + "s";
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata: {name: %s}
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: %s.wfa.test}
            spec:
              group: wfa.test
              names: {kind: %s, plural: %s, singular: %s}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size: {type: string, enum: [small, large]}
        """.formatted(name, plural, kind, plural, kind.toLowerCase());
  }

  private static String request(String kind, String name, String size) {
    return """
        apiVersion: wfa.test/v1
        kind: %s
        metadata: {name: %s}
        spec: {size: %s}
        """.formatted(kind, name, size);
  }
}

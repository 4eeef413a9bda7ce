package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input gets an RFC 7807 answer naming what is wrong, and changes nothing. */
class BadInputTest extends EndToEndTest {

  @Test
  void aRequestFailingThePromiseSchemaIsRejectedAndNothingStarts() {
    api.applyOk(resource("stages.yaml"));
    awaitAvailable("stages");
    Api.Response r = api.apply("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Stage
        metadata:
          name: no-value
        spec:
          replicas: many
        """);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().path("title").asText()).isEqualTo("Invalid document");
    assertThat(r.body().path("field").asText()).isIn("spec.value", "spec.replicas");
    assertThat(api.get("/api/v1/promises/stages/resources/default/no-value").status()).isEqualTo(404);
  }

  @Test
  void unknownKindsAndNonYamlAreRejected() {
    Api.Response unknown = api.apply("""
        apiVersion: nowhere.example/v1
        kind: Gadget
        metadata:
          name: g
        """);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body().path("detail").asText()).contains("no Promise provides nowhere.example/v1 Gadget");

    Api.Response garbage = api.apply("{ this is: [not yaml");
    assertThat(garbage.status()).isEqualTo(422);
    assertThat(garbage.body().path("detail").asText()).contains("not valid YAML or JSON");
  }

  @Test
  void aPromiseWithAnUnknownPipelineFieldIsRejectedWithTheFieldNamed() {
    Api.Response r = api.apply("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: sloppy
        spec:
          workflows:
            promise:
              configure:
                - apiVersion: platform.kratix.io/v1alpha1
                  kind: Pipeline
                  metadata:
                    name: p
                  spec:
                    containerz: []
        """);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().path("field").asText()).isEqualTo("spec.workflows.promise.configure[0].spec.containerz");
    assertThat(api.get("/api/v1/promises/sloppy").status()).isEqualTo(404);
  }

  @Test
  void aMultiDocumentFileWithOneBadDocumentAppliesNothing() {
    Api.Response r = api.apply("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: half-good
        spec:
          path: half-good
          stateStoreRef:
            kind: GitStateStore
            name: default
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: half-bad
        spec:
          stateStoreRef:
            kind: GitStateStore
            name: default
        """);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().path("field").asText()).isEqualTo("documents[1].spec.path");
    assertThat(api.get("/api/v1/destinations/half-good").status()).isEqualTo(404);
  }
}

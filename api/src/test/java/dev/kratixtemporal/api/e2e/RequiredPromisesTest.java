package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** requiredPromises, as Kratix's compound-promise system test checks them (spec 3.6). */
class RequiredPromisesTest extends EndToEndTest {
  private static final String COMPOUND = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: compound
      spec:
        requiredPromises:
          - name: sub-promise
            version: v1.0.0
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: compounds.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: Compound, plural: compounds, singular: compound}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: echo}
                spec:
                  containers:
                    - name: echo
                      image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                      command: [sh, -c, 'echo hello']
      """;

  private static String sub(String version) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: sub-promise
          labels:
            kratix.io/promise-version: %s
        spec: {}
        """.formatted(version);
  }

  private JsonNode compoundWhen(String what, java.util.function.Predicate<JsonNode> ok) {
    return eventually(what, () -> api.getOrNull("/api/v1/promises/compound"), p -> p != null && ok.test(p));
  }

  private static String requirementState(JsonNode promise) {
    return promise.path("status").path("requiredPromises").path(0).path("state").asText();
  }

  @Test
  void aCompoundPromiseWaitsForItsRequirementAndItsRequestsWaitWithIt() {
    api.applyOk(COMPOUND);
    JsonNode waiting = compoundWhen("compound Unavailable", p -> requirementState(p).equals("Requirement not installed"));
    assertThat(waiting.path("status").path("status").asText()).isEqualTo("Unavailable");
    assertThat(Status.reason(waiting, "RequirementsFulfilled")).isEqualTo("RequirementsNotInstalled");

    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Compound
        metadata: {name: example-compound-rr, namespace: default}
        spec: {}
        """);
    String rr = "/api/v1/promises/compound/resources/default/example-compound-rr";
    JsonNode pending = eventually("request pending", () -> api.getOrNull(rr),
        r -> r != null && Status.condition(r, "PromiseAvailable").equals("False"));
    assertThat(pending.path("status").path("message").asText()).isEqualTo("Pending");

    api.applyOk(sub("v0.9.0"));
    compoundWhen("wrong version", p -> requirementState(p).equals("Requirement not installed at the specified version"));

    api.applyOk(sub("v1.0.0"));
    JsonNode available = compoundWhen("compound Available", p -> "Available".equals(p.path("status").path("status").asText()));
    assertThat(requirementState(available)).isEqualTo("Requirement installed");
    assertThat(Status.condition(available, "RequirementsFulfilled")).isEqualTo("True");
    eventually("request requested", () -> api.getOrNull(rr),
        r -> "Resource requested".equals(r.path("status").path("message").asText()));

    // The required version was installed once: upgrading past it keeps the requirement met.
    api.applyOk(sub("v2.0.0"));
    eventually("sub v2 Available", () -> api.getOrNull("/api/v1/promises/sub-promise"),
        p -> "v2.0.0".equals(p.path("status").path("version").asText()) && "Available".equals(p.path("status").path("status").asText()));
    assertThat(requirementState(compoundWhen("still met", p -> true))).isEqualTo("Requirement installed");
    assertThat(api.getOrNull("/api/v1/promises/compound").path("status").path("status").asText()).isEqualTo("Available");

    assertThat(api.delete("/api/v1/promises/sub-promise").status()).isEqualTo(202);
    // While it is being deleted the requirement is "not available"; once gone, "not installed".
    JsonNode lost = compoundWhen("requirement gone", p -> requirementState(p).equals("Requirement not installed"));
    assertThat(lost.path("status").path("status").asText()).isEqualTo("Unavailable");
  }
}

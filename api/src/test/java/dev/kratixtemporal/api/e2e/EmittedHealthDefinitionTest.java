package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.LiveWorkflows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HealthDefinitions a resource's configure pipeline writes to /kratix/output (docs/health-checks.md): registered
 * for that request instead of written to the Destination, checked, dropped when no longer emitted, deleted with it.
 */
class EmittedHealthDefinitionTest extends EndToEndTest {
  private static final String REQUEST = "/api/v1/promises/hd2-api/resources/default/hd2-one";

  /**
   * Its pipeline writes probe.yaml (a definition alone, pointing at some other request: the platform makes it this
   * one's) and app.yaml (a ConfigMap, and a second definition while the request asks for it).
   */
  private static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata: {name: hd2-api}
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: hd2checks.test.kratix.dev}
          spec:
            group: test.kratix.dev
            names: {kind: Hd2Check, plural: hd2checks, singular: hd2check}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: emit}
                spec:
                  containers:
                    - name: emit
                      image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                      command:
                        - sh
                        - -c
                        - |
                          cat > /kratix/output/probe.yaml <<EOF
                          apiVersion: platform.kratix.io/v1alpha1
                          kind: HealthDefinition
                          metadata: {name: hd2-probe}
                          spec:
                            resourceRef: {name: someone-else, namespace: elsewhere}
                            promiseRef: {name: another-promise}
                            schedule: "0 0 1 1 *"
                            workflow:
                              apiVersion: platform.kratix.io/v1alpha1
                              kind: Pipeline
                              metadata: {name: probe}
                              spec:
                                containers:
                                  - name: probe
                                    image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                                    command: [sh, -c, "echo state: ready > /kratix/metadata/health.yaml"]
                          EOF
                          cat > /kratix/output/app.yaml <<EOF
                          apiVersion: v1
                          kind: ConfigMap
                          metadata: {name: hd2-app, namespace: default}
                          data: {greeting: hello}
                          EOF
                          if grep -q 'second: true' /kratix/input/object.yaml; then
                          cat >> /kratix/output/app.yaml <<EOF
                          ---
                          apiVersion: platform.kratix.io/v1alpha1
                          kind: HealthDefinition
                          metadata: {name: hd2-second}
                          spec:
                            resourceRef: {name: hd2-one}
                            promiseRef: {name: hd2-api}
                            schedule: "0 0 1 1 *"
                            workflow:
                              apiVersion: platform.kratix.io/v1alpha1
                              kind: Pipeline
                              metadata: {name: probe}
                              spec:
                                containers:
                                  - name: probe
                                    image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                                    command: [sh, -c, "exit 0"]
                          EOF
                          fi
      """;

  private static String request(boolean second) {
    return """
        apiVersion: test.kratix.dev/v1alpha1
        kind: Hd2Check
        metadata: {name: hd2-one, namespace: default}
        spec: {second: %s}
        """.formatted(second);
  }

  private JsonNode request() {
    return api.getOrNull(REQUEST);
  }

  private static List<String> recordNames(JsonNode request) {
    return request.path("status").path("healthStatus").path("healthRecords").findValuesAsText("name");
  }

  @Test
  void definitionsAConfigurePipelineEmitsCheckTheRequestInsteadOfReachingTheDestinationAndGoWithIt() {
    api.applyOk(PROMISE);
    awaitAvailable("hd2-api");
    api.applyOk(request(true));

    JsonNode checked = eventually("both emitted checks recorded", this::request,
        r -> r != null && recordNames(r).equals(List.of("hd2-probe", "hd2-second")));
    JsonNode records = checked.path("status").path("healthStatus").path("healthRecords");
    assertThat(records.get(0).path("state").asText()).as("the emitted pipeline's verdict").isEqualTo("ready");
    assertThat(records.get(1).path("state").asText()).isEqualTo("healthy");
    assertThat(Status.condition(checked, "HealthChecksSucceeded")).isEqualTo("True");
    assertThat(Status.reason(checked, "HealthChecksSucceeded")).isEqualTo("AllRecordsHealthy");
    assertThat(Status.condition(checked, "ConfigureWorkflowCompleted")).isEqualTo("True");
    // resourceRef and promiseRef are the request's, whatever the pipeline wrote.
    JsonNode definition = temporal.newUntypedWorkflowStub("healthdefinition/default/hd2-probe").query("status", JsonNode.class);
    assertThat(definition.path("spec").path("resourceRef").path("name").asText()).isEqualTo("hd2-one");
    assertThat(definition.path("spec").path("promiseRef").path("name").asText()).isEqualTo("hd2-api");

    // The definitions are not in the state repository; the ConfigMap sharing a file with one is, without it.
    List<String> files = eventually("the ConfigMap written", repo::files,
        f -> f.stream().anyMatch(p -> p.contains("/hd2-one/") && p.endsWith("/app.yaml")));
    assertThat(files).filteredOn(p -> p.contains("/hd2-one/")).noneMatch(p -> p.endsWith("/probe.yaml"));
    String app = repo.read(files.stream().filter(p -> p.contains("/hd2-one/") && p.endsWith("/app.yaml")).findFirst().orElseThrow());
    assertThat(app).contains("kind: ConfigMap").contains("greeting: hello").doesNotContain("HealthDefinition");

    // No longer emitted: its workflow ends and its record leaves the request.
    api.applyOk(request(false));
    eventually("hd2-second dropped", this::request, r -> recordNames(r).equals(List.of("hd2-probe")));
    eventually("hd2-second's workflow ended", () -> LiveWorkflows.isRunning(temporal, "healthdefinition/default/hd2-second"),
        running -> !running);
    assertThat(LiveWorkflows.isRunning(temporal, "healthdefinition/default/hd2-probe")).isTrue();

    // The rest go with the request.
    assertThat(api.delete(REQUEST).status()).isLessThan(300);
    eventually("hd2-probe's workflow ended", () -> LiveWorkflows.isRunning(temporal, "healthdefinition/default/hd2-probe"),
        running -> !running);
  }
}

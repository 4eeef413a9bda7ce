package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

/** The Kratix pipeline contract: order, status between pipelines, environment, read-only input, failure. */
class PipelineContractTest extends EndToEndTest {

  @Test
  void secondPipelineSeesTheStatusTheFirstWrote() {
    api.applyOk(resource("stages.yaml"));
    awaitAvailable("stages");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Stage
        metadata:
          name: two-step
          namespace: team-a
        spec:
          value: hello
        """);
    JsonNode rr = eventually("two-step Reconciled", () -> api.getOrNull("/api/v1/promises/stages/resources/team-a/two-step"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    JsonNode status = rr.path("status");
    assertThat(status.path("stage").asText()).isEqualTo("two");
    assertThat(status.path("completed").asBoolean()).isTrue();
    assertThat(status.path("workflows").asInt()).isEqualTo(2);
    assertThat(status.path("workflowsSucceeded").asInt()).isEqualTo(2);
    assertThat(status.path("kratix").path("workflows").path("pipelines").findValuesAsText("phase"))
        .containsExactly("Succeeded", "Succeeded");
    assertThat(status.path("kratix").path("workflows").path("lastSuccessfulConfigureWorkflowTime").asText())
        .isEqualTo(Status.conditionNode(rr, "ConfigureWorkflowCompleted").path("lastTransitionTime").asText());
    // The schema default was applied before the request was accepted.
    assertThat(rr.path("spec").path("replicas").asInt()).isEqualTo(1);

    String base = "dev/resources/team-a/stages/two-step/";
    assertThat(repo.files()).contains(base + "first/5058f/one.yaml", base + "second/5058f/two.yaml");
    JsonNode env = KratixYaml.parseOne(repo.read(base + "second/5058f/two.yaml")).path("data");
    assertThat(env.path("type").asText()).isEqualTo("resource");
    assertThat(env.path("action").asText()).isEqualTo("configure");
    assertThat(env.path("promise").asText()).isEqualTo("stages");
    assertThat(env.path("pipeline").asText()).isEqualTo("second");
    assertThat(env.path("kind").asText()).isEqualTo("Stage");
    assertThat(env.path("group").asText()).isEqualTo("test.kratix.dev");
    assertThat(env.path("version").asText()).isEqualTo("v1alpha1");
    assertThat(env.path("name").asText()).isEqualTo("two-step");
    assertThat(env.path("namespace").asText()).isEqualTo("team-a");
    assertThat(env.path("plural").asText()).isEqualTo("stages");
  }

  @Test
  void aFailingContainerHaltsTheWorkflowWithKratixConditions() {
    api.applyOk(resource("failing.yaml"));
    awaitAvailable("failing");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Failing
        metadata:
          name: doomed
          namespace: default
        spec: {}
        """);
    JsonNode rr = eventually("doomed failed", () -> api.getOrNull("/api/v1/promises/failing/resources/default/doomed"),
        r -> r != null && Status.reason(r, "ConfigureWorkflowCompleted").equals("ConfigureWorkflowFailed"));
    assertThat(Status.condition(rr, "ConfigureWorkflowCompleted")).isEqualTo("False");
    assertThat(Status.conditionNode(rr, "ConfigureWorkflowCompleted").path("message").asText())
        .isEqualTo("A Configure Pipeline has failed: breaks");
    assertThat(Status.condition(rr, "Reconciled")).isEqualTo("False");
    assertThat(Status.reason(rr, "Reconciled")).isEqualTo("ConfigureWorkflowFailed");
    assertThat(rr.path("status").path("workflowsFailed").asInt()).isEqualTo(1);
    JsonNode pipelines = rr.path("status").path("kratix").path("workflows").path("pipelines");
    assertThat(pipelines.get(0).path("phase").asText()).isEqualTo("Failed");
    assertThat(pipelines.get(0).path("message").asText()).contains("exited with code 3");
    assertThat(pipelines.get(1).path("phase").asText()).isEqualTo("Pending");
    assertThat(repo.files()).noneMatch(f -> f.contains("/failing/doomed/"));
  }
}

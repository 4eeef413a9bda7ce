package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** workflow-control.yaml retryAfter is a durable timer: the same pipeline reruns after it (spec 5.9). */
class WorkflowControlTest {
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: retry
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: retries.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: Retry, plural: retries, singular: retry}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
        workflows:
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: pipe-0}
                spec:
                  containers: [{name: c, image: example/a:v1}]
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: pipe-retry}
                spec:
                  containers: [{name: c, image: example/a:v1}]
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: pipe-2}
                spec:
                  containers: [{name: c, image: example/a:v1}]
            delete:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: pipe-delete}
                spec:
                  containers: [{name: c, image: example/a:v1}]
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  ResourceWorkflow request;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class);
    fakes.addPromise(PROMISE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void startRequest() {
    request = FakeWorld.startRequest(env, "retry", "Retry", "default", "r");
  }

  private JsonNode pipeline(int index) {
    return request.status().path("status").path("kratix").path("workflows").path("pipelines").get(index);
  }

  @Test
  void retryAfterRerunsTheSamePipelineUntilItGoesThrough() {
    // pipe-retry asks to be retried in 10s on its first two runs.
    fakes.workflowControl = run -> run.pipeline().name().equals("pipe-retry") && fakes.runsOf("r") < 4
        ? KratixYaml.parseOne("retryAfter: 10s\nmessage: gate is closed\n") : null;
    startRequest();
    env.sleep(Duration.ofSeconds(2));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry");
    assertThat(pipeline(0).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(pipeline(1).path("phase").asText()).isEqualTo("Suspended");
    assertThat(pipeline(1).path("message").asText()).isEqualTo("gate is closed");
    assertThat(pipeline(1).path("attempts").asInt()).isEqualTo(1);
    assertThat(pipeline(1).path("nextRetryAt").asText()).isNotEmpty();
    assertThat(pipeline(2).path("phase").asText()).isEqualTo("Pending");
    JsonNode object = request.status();
    assertThat(object.path("metadata").path("labels").path("kratix.io/workflow-suspended").asText()).isEqualTo("true");
    assertThat(object.path("status").path("kratix").path("workflows").path("suspendedGeneration").asLong()).isEqualTo(1);

    env.sleep(Duration.ofSeconds(10));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry", "r/pipe-retry");
    assertThat(pipeline(1).path("attempts").asInt()).isEqualTo(2);

    env.sleep(Duration.ofSeconds(11));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry", "r/pipe-retry", "r/pipe-retry", "r/pipe-2");
    JsonNode done = request.status();
    assertThat(done.path("metadata").path("labels").has("kratix.io/workflow-suspended")).isFalse();
    assertThat(pipeline(1).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(pipeline(1).has("attempts")).isFalse();
    assertThat(pipeline(1).has("nextRetryAt")).isFalse();
    assertThat(done.path("status").path("kratix").path("workflows").has("suspendedGeneration")).isFalse();
  }

  @Test
  void aRetryAfterOfZeroWaitsTheMinimumInterval() {
    fakes.workflowControl = run -> run.pipeline().name().equals("pipe-retry") && fakes.runsOf("r") < 3
        ? KratixYaml.parseOne("retryAfter: 0s\n") : null;
    startRequest();
    env.sleep(Duration.ofSeconds(9));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry");
    env.sleep(Duration.ofSeconds(2));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry", "r/pipe-retry", "r/pipe-2");
    FakeWorld.recordHistory(env, WorkflowIds.resource("retry", "default", "r"), "min-retry-after");
  }

  @Test
  void deletingARequestStopsItsHungPipelineAndRunsTheDeletePipeline() {
    fakes.hangs = run -> run.pipeline().name().equals("pipe-retry");
    startRequest();
    env.sleep(Duration.ofSeconds(2));
    assertThat(pipeline(1).path("phase").asText()).isEqualTo("Running");
    request.delete();
    FakeWorld.await(() -> fakes.pipelineRuns.contains("r/pipe-delete"));
    assertThat(fakes.cancelledRuns).containsExactly("r/pipe-retry");
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-delete");
    FakeWorld.await(() -> env.getWorkflowClient().fetchHistory(WorkflowIds.resource("retry", "default", "r")).getLastEvent()
        .hasWorkflowExecutionCompletedEventAttributes());
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Delete from: retry-r-pipe-0-"));
    FakeWorld.recordHistory(env, WorkflowIds.resource("retry", "default", "r"), "delete-stops-pipeline");
  }

  @Test
  void suspendWaitsForResumeAndResumesAtTheSuspendedPipeline() {
    fakes.workflowControl = run -> run.pipeline().name().equals("pipe-retry") && fakes.runsOf("r") < 3
        ? KratixYaml.parseOne("suspend: true\nmessage: waiting for approval\n") : null;
    startRequest();
    env.sleep(Duration.ofHours(1));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry");
    assertThat(pipeline(1).path("phase").asText()).isEqualTo("Suspended");
    assertThat(pipeline(1).has("nextRetryAt")).isFalse();

    request.resume();
    env.sleep(Duration.ofSeconds(5));
    assertThat(fakes.pipelineRuns).containsExactly("r/pipe-0", "r/pipe-retry", "r/pipe-retry", "r/pipe-2");
    assertThat(pipeline(2).path("phase").asText()).isEqualTo("Succeeded");
  }

  @Test
  void aSuspendedDeleteKeepsTheFilesUntilItsRetryGoesThrough() {
    fakes.workflowControl = run -> run.pipeline().name().equals("pipe-delete") && fakes.runsOf("r") < 6
        ? KratixYaml.parseOne("retryAfter: 30s\nmessage: still in use\n") : null;
    startRequest();
    env.sleep(Duration.ofSeconds(2));
    assertThat(fakes.runsOf("r")).isEqualTo(3);
    request.delete();
    env.sleep(Duration.ofSeconds(2));
    JsonNode deleting = request.status();
    assertThat(deleting.path("status").path("kratix").path("workflows").path("pipelines").findValuesAsText("name"))
        .containsExactly("pipe-delete");
    assertThat(pipeline(0).path("phase").asText()).isEqualTo("Suspended");
    JsonNode condition = null;
    for (JsonNode c : deleting.path("status").path("conditions")) {
      if (c.path("type").asText().equals("DeleteWorkflowCompleted")) condition = c;
    }
    assertThat(condition.path("reason").asText()).isEqualTo("DeleteWorkflowSuspended");
    assertThat(fakes.writes).noneMatch(w -> w.message().startsWith("Delete from:"));

    env.sleep(Duration.ofSeconds(31));
    assertThat(fakes.runsOf("r")).isEqualTo(5);
    env.sleep(Duration.ofSeconds(31));
    assertThat(fakes.runsOf("r")).isEqualTo(6);
    assertThat(fakes.writes).anyMatch(w -> w.message().startsWith("Delete from: retry-r-pipe-0-"));
  }
}

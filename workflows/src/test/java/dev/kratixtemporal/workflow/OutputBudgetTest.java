package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.OutputFile;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outputs that together would not fit an object's workflow fail the pipeline with the sizes named, and nothing is written. */
class OutputBudgetTest {
  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class);
    fakes.addPromise(WorkflowControlTest.PROMISE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void twoPipelinesWhoseOutputsTogetherPassTheBudgetFailTheSecondAndWriteNothingOfIt() {
    // 200 KB of control characters each: 1.2 MB once JSON-encoded, so the first fits and the two together do not.
    String controlChars = "\u0001".repeat(200_000);
    fakes.outputs = run -> run.pipeline().name().equals("pipe-retry")
        ? List.of(new OutputFile("small.yaml", "kind: ConfigMap\n")) : List.of(new OutputFile("big.yaml", controlChars));
    ResourceWorkflow request = FakeWorld.startRequest(env, "retry", "Retry", "default", "r");
    env.sleep(Duration.ofSeconds(5));

    JsonNode status = request.status().path("status");
    JsonNode failed = status.path("kratix").path("workflows").path("pipelines").get(2);
    assertThat(failed.path("phase").asText()).isEqualTo("Failed");
    assertThat(failed.path("message").asText())
        .contains("/kratix/output").contains("24000").contains("more than the 1500000 bytes");
    assertThat(status.path("workflowsFailed").asInt()).isEqualTo(1);
    assertThat(fakes.writes).noneMatch(w -> w.message().contains("pipe-2"));
    assertThat(fakes.writes).anyMatch(w -> w.message().contains("pipe-0"));
  }
}

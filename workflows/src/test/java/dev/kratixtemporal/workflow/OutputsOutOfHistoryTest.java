package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.OutputFile;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outputs live in the blob store and workflows carry references: two pipelines whose outputs together exceed
 * what a workflow payload may hold (the old output budget) are both written, no content reaches history, and the
 * request's blobs are retained while it lives and released when it is deleted.
 */
class OutputsOutOfHistoryTest {
  private static final String MARKER = "blob-marker-7f3c";
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
  void outputsOverTheOldBudgetAreWrittenByReferenceAndNeverEnterHistory() {
    // 1.2 MB of control characters per pipeline: over Temporal's 2 MB payload limit together, once JSON-encoded.
    fakes.outputs = run -> List.of(new OutputFile(run.pipeline().name() + ".yaml",
        MARKER + "\u0001".repeat(200_000) + run.pipeline().name()));
    ResourceWorkflow request = FakeWorld.startRequest(env, "retry", "Retry", "default", "blobby");
    env.sleep(Duration.ofSeconds(5));

    assertThat(request.status().path("status").path("workflowsSucceeded").asInt()).isEqualTo(3);
    List<FileRef> written = fakes.writes.stream().flatMap(w -> w.files().stream()).toList();
    assertThat(written).extracting(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
        .contains("pipe-0.yaml", "pipe-retry.yaml", "pipe-2.yaml");
    assertThat(written).allSatisfy(f -> assertThat(fakes.content(f)).startsWith(MARKER).hasSize((int) f.size()));
    String id = WorkflowIds.resource("retry", "default", "blobby");
    assertThat(fakes.roots.get(id)).containsExactlyInAnyOrderElementsOf(
        written.stream().map(FileRef::sha256).distinct().toList());
    for (HistoryEvent event : env.getWorkflowClient().fetchHistory(id).getEvents()) {
      assertThat(event.toString()).doesNotContain(MARKER);
    }

    request.delete();
    env.sleep(Duration.ofSeconds(5));
    assertThat(fakes.roots).doesNotContainKey(id);
  }
}

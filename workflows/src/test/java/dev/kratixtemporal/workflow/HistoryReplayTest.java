package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays histories recorded from real runs (see DeleteAndReplayTest in the api module) against the current
 * workflow code: a change that running workflows cannot replay fails here, and needs Workflow.getVersion.
 * Histories live in one folder per version of the code that recorded them (session1, session2, ...): a new folder
 * is added when the workflow code changes; old folders are never re-recorded.
 */
class HistoryReplayTest {
  private static final List<String> WORKFLOW_TYPES = List.of("PlatformWorkflow", "PromiseWorkflow",
      "ResourceWorkflow", "DestinationWorkflow", "StateStoreWorkflow", "SloWorkflow", "HealthCheckWorkflow", "CanaryWorkflow");

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException, URISyntaxException {
    return histories().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName(), () -> {
      String workflowId = file.getFileName().toString().replace(".json", "").replace("__", "/");
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file), workflowId);
      WorkflowReplayer.replayWorkflowExecution(history, PlatformWorkflowImpl.class, PromiseWorkflowImpl.class,
          ResourceWorkflowImpl.class, DestinationWorkflowImpl.class, StateStoreWorkflowImpl.class, SloWorkflowImpl.class,
          HealthCheckWorkflowImpl.class, CanaryWorkflowImpl.class);
    }));
  }

  @Test
  void everyWorkflowTypeHasARecordedHistory() throws IOException, URISyntaxException {
    List<String> types = histories().map(f -> {
      try {
        return WorkflowExecutionHistory.fromJson(Files.readString(f)).getEvents().get(0)
            .getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).distinct().toList();
    assertThat(types).containsAll(WORKFLOW_TYPES);
  }

  private static Stream<Path> histories() throws IOException, URISyntaxException {
    Path dir = Path.of(HistoryReplayTest.class.getResource("/histories").toURI());
    // One folder per version of the workflow code that ran: each must keep replaying.
    return Files.walk(dir).filter(p -> p.toString().endsWith(".json")).sorted();
  }
}

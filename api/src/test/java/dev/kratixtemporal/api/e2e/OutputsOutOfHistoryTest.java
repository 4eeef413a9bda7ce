package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * History holds decisions, not data: a request whose pipeline writes about 1.4 MB gets its files at Kratix's
 * paths in Git, while no event of its workflow's history (any run) holds their content, and the state its
 * workflow carries across continue-as-new (forced here by a small max-history-events) stays small.
 */
@TestPropertySource(properties = "kratix.workflows.max-history-events=20")
class OutputsOutOfHistoryTest extends EndToEndTest {
  private static final String MARKER = "BLOBMARKER-7f3c";

  /** Its settings make it a Spring context of its own: it gets its own data dir (EndToEndTest#ownContextDataDir). */
  @DynamicPropertySource
  static void ownDataDir(DynamicPropertyRegistry registry) {
    try {
      ownContextDataDir = Files.createTempDirectory("kratix-ooh").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void bigOutputsLandInGitByReferenceAndNeverEnterTheRequestsHistory() throws Exception {
    api.applyOk(resource("bulky.yaml"));
    awaitAvailable("bulky");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Bulky
        metadata: {name: blob-big, namespace: default}
        spec: {}
        """);
    eventually("blob-big Reconciled", () -> api.getOrNull("/api/v1/promises/bulky/resources/default/blob-big"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));

    String dir = "dev/resources/default/bulky/blob-big/bulk/5058f/";
    Path clone = repo.cloneNow();
    long total = 0;
    for (int i = 1; i <= 7; i++) {
      Path file = clone.resolve(dir + "bulk-" + i + ".yaml");
      assertThat(file).exists();
      total += Files.size(file);
    }
    assertThat(total).isBetween(1_390_000L, 1_450_000L);
    assertThat(Files.readString(clone.resolve(dir + "bulk-4.yaml"))).contains("marker: \"" + MARKER + "\"");

    String id = "resource/bulky/default/blob-big";
    // The history grew past 20 events (a first converge makes about 38): the workflow continues as new once idle.
    List<List<HistoryEvent>> runs = eventually("a continued-as-new run of " + id, () -> runs(id),
        r -> r.size() >= 2);
    long events = 0;
    for (List<HistoryEvent> run : runs) {
      for (HistoryEvent event : run) {
        events++;
        assertThat(event.toByteString().toString(StandardCharsets.ISO_8859_1)).as(event.getEventType().name())
            .doesNotContain(MARKER);
      }
    }
    HistoryEvent started = runs.get(runs.size() - 1).get(0);
    long input = started.getWorkflowExecutionStartedEventAttributes().getInput().getSerializedSize();
    assertThat(input).as("the continued run's input (its state)").isLessThan(100_000);
    System.out.printf("{\"outputBytes\":%d,\"runs\":%d,\"events\":%d,\"continuedStateBytes\":%d}%n", total,
        runs.size(), events, input);
  }

  /** Every run of the workflow, oldest first, each as its events, walking back from the latest. */
  private List<List<HistoryEvent>> runs(String workflowId) {
    List<List<HistoryEvent>> out = new ArrayList<>();
    String runId = "";
    while (true) {
      List<HistoryEvent> events = history(workflowId, runId);
      out.add(0, events);
      String previous = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) return out;
      runId = previous;
    }
  }

  private List<HistoryEvent> history(String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r = temporal.getWorkflowServiceStubs().blockingStub()
          .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace(temporal.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
              .setNextPageToken(page).build());
      events.addAll(r.getHistory().getEventsList());
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    assertThat(events.get(0).getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    return events;
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.workflow.DestinationWorkflowImpl;
import dev.kratixtemporal.workflow.PlatformWorkflowImpl;
import dev.kratixtemporal.workflow.PromiseWorkflowImpl;
import dev.kratixtemporal.workflow.ResourceWorkflowImpl;
import dev.kratixtemporal.workflow.StateStoreWorkflowImpl;
import dev.kratixtemporal.activities.codec.AesGcmPayloadCodec;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting a request removes its files; then every workflow type's real history replays against the current code.
 * With -Dkratix.recordHistories=DIR the histories are written there: that is how the stored histories in
 * workflows/src/test/resources/histories (replayed by HistoryReplayTest on every build) are recorded, with their
 * payloads decoded so the corpus does not depend on this run's key.
 */
class DeleteAndReplayTest extends EndToEndTest {
  @org.springframework.beans.factory.annotation.Autowired
  AesGcmPayloadCodec codec;

  @Test
  void deletingARequestRemovesItsFilesAndHistoriesReplay() throws Exception {
    api.applyOk(resource("stages.yaml"));
    awaitAvailable("stages");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Stage
        metadata:
          name: short-lived
          namespace: default
        spec:
          value: bye
        """);
    eventually("short-lived Reconciled", () -> api.getOrNull("/api/v1/promises/stages/resources/default/short-lived"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    String dir = "dev/resources/default/stages/short-lived/";
    assertThat(repo.files()).contains(dir + "first/5058f/one.yaml", dir + "second/5058f/two.yaml");

    assertThat(api.delete("/api/v1/promises/stages/resources/default/short-lived").status()).isEqualTo(202);
    eventually("short-lived gone", () -> api.get("/api/v1/promises/stages/resources/default/short-lived").status(),
        s -> s == 404);
    assertThat(repo.files()).noneMatch(f -> f.startsWith(dir));
    assertThat(repo.log()).anySatisfy(l -> assertThat(l).contains("|Delete from: stages-short-lived-first-"));

    String recordTo = System.getProperty("kratix.recordHistories");
    Class<?>[] workflows = {PlatformWorkflowImpl.class, PromiseWorkflowImpl.class, ResourceWorkflowImpl.class,
        DestinationWorkflowImpl.class, StateStoreWorkflowImpl.class};
    for (String id : List.of("platform", "promise/stages", "resource/stages/default/short-lived", "destination/dev",
        "gitstatestore/default")) {
      WorkflowExecutionHistory history = temporal.fetchHistory(id);
      assertThat(HistoryPayloads.converted(history.getHistory())).as(id).allMatch(AesGcmPayloadCodec::isEncrypted);
      // The stored history has encrypted payloads: replayed with the application's DataConverter (its codec) ...
      TestWorkflowEnvironment withCodec = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
          .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
              .setDataConverter(temporal.getOptions().getDataConverter()).build()).build());
      try {
        WorkflowReplayer.replayWorkflowExecution(history, withCodec, workflows[0], others(workflows));
      } finally {
        withCodec.close();
      }
      // ... and decoded, as the replay corpus keeps it (plain, replayed by HistoryReplayTest without the codec).
      WorkflowExecutionHistory plain = new WorkflowExecutionHistory(
          HistoryPayloads.map(history.getHistory(), p -> codec.decode(List.of(p)).get(0)), id);
      WorkflowReplayer.replayWorkflowExecution(plain, workflows[0], others(workflows));
      if (recordTo != null) {
        Files.createDirectories(Path.of(recordTo));
        Files.writeString(Path.of(recordTo, id.replace("/", "__") + ".json"), plain.toJson(true));
      }
    }
  }

  static Class<?>[] others(Class<?>[] all) {
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }
}

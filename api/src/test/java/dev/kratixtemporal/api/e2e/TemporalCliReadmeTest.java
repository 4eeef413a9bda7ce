package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.activity.PipelineActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's `temporal` CLI lines, run as written there (only the addresses are this test's) with the
 * real CLI (kratix.temporal.cli, default `temporal` on PATH), each checked for what it does.
 */
class TemporalCliReadmeTest extends EndToEndTest {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final String REQUEST = "resource/website/default/hello";
  static final String HELLO = "/api/v1/promises/website/resources/default/hello";

  @Test
  void eachReadmeCommandDoesWhatItSays() throws Exception {
    List<String> lines = readmeCommands();
    api.applyOk(Files.readString(REPO.resolve("deploy/demo/website-promise.yaml")));
    awaitAvailable("website");
    api.applyOk(Files.readString(REPO.resolve("deploy/demo/website-request.yaml")));
    eventually("hello Reconciled", () -> api.getOrNull(HELLO), r -> r != null && Status.condition(r, "Reconciled").equals("True"));

    String status = run(line(lines, "--name status"));
    assertThat(status).contains("\"name\":\"hello\"").contains("Reconciled");

    long runs = pipelineRuns(REQUEST);
    run(line(lines, "--name reconcile"));
    eventually("a new pipeline run after the reconcile signal", () -> pipelineRuns(REQUEST), n -> n > runs);
    eventually("hello Reconciled again", () -> api.getOrNull(HELLO), r -> r != null && Status.condition(r, "Reconciled").equals("True"));

    run(line(lines, "--name resume"));
    eventually("the resume signal in the history", () -> signals(REQUEST), s -> s.contains("resume"));

    long updates = count("promise/website", EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    String applied = run(line(lines, "--name apply"));
    assertThat(applied).contains("promise/website");
    assertThat(count("promise/website", EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)).isEqualTo(updates + 1);
    assertThat(awaitAvailable("website").path("metadata").path("generation").asLong()).as("same spec, same generation").isEqualTo(1);

    eventually("workflow list finds the Promise's workflows", () -> run(line(lines, "workflow list")),
        out -> out.contains(REQUEST) && out.contains("promise/website"));

    run(line(lines, "--name delete"));
    eventually("hello deleted", () -> api.get(HELLO).status(), s -> s == 404);
    assertThat(repo.files()).noneMatch(f -> f.startsWith("dev/resources/default/website/hello/"));
  }

  /** The lines of the README's sh block in the Temporal CLI section, with this server's address. */
  List<String> readmeCommands() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Workflows, and steering them with the `temporal` CLI"));
    String block = section.substring(section.indexOf("```sh") + 5, section.indexOf("```", section.indexOf("```sh") + 5));
    List<String> lines = block.lines().filter(l -> l.startsWith("temporal ")).toList();
    assertThat(lines).hasSize(6);
    return lines.stream().map(l -> l.replace("--address 127.0.0.1:7233", "--address 127.0.0.1:" + temporalPort)
        .replace("--codec-endpoint http://127.0.0.1:8080/codec", "--codec-endpoint http://127.0.0.1:" + port + "/codec")).toList();
  }

  static String line(List<String> lines, String containing) {
    return lines.stream().filter(l -> l.contains(containing)).findFirst().orElseThrow();
  }

  /** Runs one README line with bash in the repository root; it must succeed. */
  static String run(String line) {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).directory(REPO.toFile()).redirectErrorStream(true);
    // -Dkratix.temporal.cli=/path/to/temporal puts that binary first on PATH
    String cli = System.getProperty("kratix.temporal.cli", "temporal");
    if (cli.contains("/")) pb.environment().merge("PATH", Path.of(cli).getParent().toString(), (old, dir) -> dir + ":" + old);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(line + "\n" + out).isZero();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<HistoryEvent> history(String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents();
  }

  long pipelineRuns(String workflowId) {
    return history(workflowId).stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        && e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName().equals(PipelineActivities.TASK_QUEUE)).count();
  }

  List<String> signals(String workflowId) {
    return history(workflowId).stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName()).toList();
  }

  long count(String workflowId, EventType type) {
    return history(workflowId).stream().filter(e -> e.getEventType() == type).count();
  }
}

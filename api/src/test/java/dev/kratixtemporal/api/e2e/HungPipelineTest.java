package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pipeline that never ends cannot hold a request hostage, and one that asks to retry at once cannot spin. */
class HungPipelineTest extends EndToEndTest {

  @Test
  void deletingARequestStopsItsRunningContainerAndRunsTheDeletePipeline() {
    applyRequest("hung-forever", false);
    String path = "/api/v1/promises/hung/resources/default/hung-forever";
    eventually("the pipeline container running", () -> {
      JsonNode r = api.getOrNull(path);
      return r == null ? "" : r.path("status").path("kratix").path("workflows").path("pipelines").path(0).path("phase").asText()
          + "/" + runningContainers().strip();
    }, s -> s.startsWith("Running/") && s.length() > "Running/".length());
    String before = runningContainers();
    assertThat(before).as("the hung pipeline's container").isNotBlank();

    assertThat(api.delete(path).status()).isEqualTo(202);
    eventually("the request gone", () -> api.get(path).status(), s -> s == 404);
    // Every container the hung pipeline had is gone: removed, not left sleeping.
    for (String name : before.split("\n")) {
      if (!name.isBlank()) assertThat(runningContainers()).doesNotContain(name.strip());
    }
  }

  @Test
  void aRetryAfterOfZeroIsRetriedNoSoonerThanTheMinimumInterval() {
    applyRequest("hung-retry", true);
    JsonNode pipeline = eventually("the pipeline suspended", () -> {
      JsonNode r = api.getOrNull("/api/v1/promises/hung/resources/default/hung-retry");
      return r == null ? null : r.path("status").path("kratix").path("workflows").path("pipelines").path(0);
    }, p -> p != null && "Suspended".equals(p.path("phase").asText()) && p.hasNonNull("nextRetryAt"));
    Instant suspendedAt = Instant.parse(pipeline.path("lastTransitionTime").asText(Instant.now().toString()));
    Instant nextRetryAt = Instant.parse(pipeline.path("nextRetryAt").asText());
    assertThat(Duration.between(suspendedAt, nextRetryAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    api.delete("/api/v1/promises/hung/resources/default/hung-retry");
  }

  /** The hung Promise and one request of it; retry: its pipeline asks to be retried at once instead of hanging. */
  private void applyRequest(String name, boolean retry) {
    api.applyOk(resource("hung.yaml"));
    awaitAvailable("hung");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Hung
        metadata:
          name: %s
        spec:
          retry: %s
        """.formatted(name, retry));
  }

  /**
   * The running containers of the hung pipeline, one a line: podman's names, or the sandbox's processes (children of
   * this JVM's worker) by pid.
   */
  private static String runningContainers() {
    if (!RUNTIME.equals("podman")) {
      return ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").endsWith("sleep 100000"))
          .map(p -> p.pid() + "\n").reduce("", String::concat);
    }
    try {
      Process p = new ProcessBuilder("podman", "ps", "--no-trunc", "--format", "{{.Names}} {{.Command}}").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out.lines().filter(l -> l.contains("sleep 100000")).map(l -> l.split(" ")[0]).reduce("", (a, b) -> a + b + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

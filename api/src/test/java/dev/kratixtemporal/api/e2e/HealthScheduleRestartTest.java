package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HealthDefinition's schedule is a workflow timer in Temporal's history: the dev default stopped and started
 * again with the same data dir runs the next check on time, with nothing applied or signalled after the restart.
 */
class HealthScheduleRestartTest {
  private static final String REQUEST = RestartTest.REQUESTS + "/default/hd2-restart";

  @TempDir
  Path tmp;

  @BeforeAll
  static void imagesArePresent() {
    PipelineImages.requireBuilt();
  }

  @Test
  void theScheduleFiresAfterARestart() {
    DevApp app = new DevApp(tmp.resolve("data"));
    try {
      app.start();
      app.api.applyOk(EndToEndTest.resource("tmp-durable.yaml"));
      EndToEndTest.eventually("Promise Available", () -> app.getOrNull("/api/v1/promises/tmp-durable"),
          p -> p != null && "Available".equals(p.path("status").path("status").asText()));
      app.api.applyOk(RestartTest.request("hd2-restart", "red"));
      RestartTest.reconciled(app, "hd2-restart", 1);
      app.api.applyOk("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: HealthDefinition
          metadata: {name: hd2-every-minute, namespace: default}
          spec:
            resourceRef: {name: hd2-restart}
            promiseRef: {name: tmp-durable}
            schedule: "* * * * *"
            workflow:
              apiVersion: platform.kratix.io/v1alpha1
              kind: Pipeline
              metadata: {name: probe}
              spec:
                containers:
                  - name: probe
                    image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1
                    command: [sh, -c, "echo state: ready > /kratix/metadata/health.yaml"]
          """);
      long firstRun = EndToEndTest.eventually("the run at apply", () -> lastRun(app), t -> t > 0);

      app.process().terminate();
      app.start();
      long restarted = System.currentTimeMillis() / 1000;

      // The next minute after the first run (or at once, if it passed while the platform was down).
      long due = (firstRun / 60 + 1) * 60;
      long next = awaitRunAfter(app, firstRun, Math.max(due, restarted) + 90);
      assertThat(next).as("a run on the schedule, not before its time").isGreaterThanOrEqualTo(due);
      JsonNode request = app.getOrNull(REQUEST);
      assertThat(request.path("status").path("healthStatus").path("healthRecords").get(0).path("state").asText())
          .isEqualTo("ready");
      assertThat(Status.reason(request, "HealthChecksSucceeded")).isEqualTo("AllRecordsHealthy");
    } finally {
      app.stop();
    }
  }

  /** The record's lastRun (Unix seconds); 0 before the first. */
  private static long lastRun(DevApp app) {
    JsonNode request = app.getOrNull(REQUEST);
    if (request == null) return 0;
    return request.path("status").path("healthStatus").path("healthRecords").path(0).path("lastRun").asLong(0);
  }

  /** Waits in real time, past the 90 s of EndToEndTest.eventually: a minute's schedule may need most of it. */
  private static long awaitRunAfter(DevApp app, long after, long untilEpochSecond) {
    long last = 0;
    while (System.currentTimeMillis() / 1000 < untilEpochSecond) {
      last = lastRun(app);
      if (last > after) return last;
      EndToEndTest.sleep(500);
    }
    fail("no run after " + after + " by " + untilEpochSecond + "; last record's lastRun " + last);
    return last;
  }
}

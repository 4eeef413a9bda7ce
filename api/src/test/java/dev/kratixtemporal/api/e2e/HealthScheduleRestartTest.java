package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HealthDefinition's schedule is a workflow timer in Temporal's history, and an SLO's counts are its workflow's
 * state: the dev default stopped and started again with the same data dir runs the next check on time and the SLO
 * goes on counting from where it was, with nothing applied or signalled after the restart.
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
      // An SLO on the health checks' outcomes: each run is one event (docs/slos.md).
      app.api.applyOk("""
          apiVersion: openslo/v1
          kind: SLO
          metadata: {name: hd2-healthy}
          spec:
            indicator:
              metadata: {name: hd2-health}
              spec:
                ratioMetric:
                  good: {metricSource: {type: kratix, spec: {promise: tmp-durable, sli: health}}}
                  total: {metricSource: {type: kratix, spec: {promise: tmp-durable, sli: health}}}
            timeWindow: [{duration: 1d, isRolling: true}]
            budgetingMethod: Occurrences
            objectives: [{target: 0.9}]
          """);
      EndToEndTest.eventually("the Promise shows its SLO", () -> app.getOrNull("/api/v1/promises/tmp-durable"),
          p -> p.path("status").path("slos").size() == 1);
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
      long countedBefore = EndToEndTest.eventually("the SLO counted the run", () -> sloEvents(app), n -> n >= 1);

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
      // The SLO kept what it had counted, and counts the run after the restart too.
      long countedAfter = EndToEndTest.eventually("the SLO counted the run after the restart", () -> sloEvents(app),
          n -> n > countedBefore);
      JsonNode slo = app.getOrNull("/api/v1/slos/hd2-healthy");
      assertThat(slo.path("status").path("goodTotal").asLong()).isEqualTo(countedAfter);
      assertThat(slo.path("spec").path("objectives").get(0).path("target").asDouble()).isEqualTo(0.9);
    } finally {
      app.stop();
    }
  }

  /** The health events the SLO has counted since it was created; 0 before it answers. */
  private static long sloEvents(DevApp app) {
    JsonNode slo = app.getOrNull("/api/v1/slos/hd2-healthy");
    return slo == null ? 0 : slo.path("status").path("eventsTotal").asLong(0);
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

package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A HealthDefinition's schedule is a durable timer on its cron times: with time skipping, hours pass in moments. */
class HealthCheckScheduleTest {
  static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: hc-tick
        labels: {kratix.io/promise-version: v7}
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: hcticks.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: HcTick, plural: hcticks, singular: hctick}
            scope: Namespaced
            versions: [{name: v1alpha1, served: true, storage: true}]
      """;
  static final String DEFINITION = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: HealthDefinition
      metadata: {name: hc-hourly, namespace: default}
      spec:
        resourceRef: {name: hc-req}
        promiseRef: {name: hc-tick}
        schedule: "0 * * * *"
        workflow:
          apiVersion: platform.kratix.io/v1alpha1
          kind: Pipeline
          metadata: {name: probe}
          spec:
            containers: [{name: c, image: example/probe:v1}]
      """;

  TestWorkflowEnvironment env;
  FakeActivities fakes = new FakeActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(fakes, ResourceWorkflowImpl.class, HealthCheckWorkflowImpl.class);
    client = env.getWorkflowClient();
    fakes.requestReader = client;
    fakes.addPromise(PROMISE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private long healthRuns() {
    return fakes.pipelineRuns.stream().filter(r -> r.endsWith("/probe")).count();
  }

  @Test
  void runsAtOnceThenAtEachCronTimeAndFailuresMakeTheRequestUnhealthy() {
    ResourceWorkflow request = FakeWorld.startRequest(env, "hc-tick", "HcTick", "default", "hc-req");
    env.sleep(Duration.ofSeconds(1));
    HealthCheckWorkflow definition = client.newWorkflowStub(HealthCheckWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.healthDefinition("default", "hc-hourly")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(definition::run, new HealthCheckWorkflowState());
    definition.apply(KratixYaml.parseOne(DEFINITION));
    FakeWorld.await(() -> healthRuns() == 1);
    FakeWorld.await(() -> request.status().path("status").path("healthStatus").path("healthRecords").size() == 1);
    JsonNode status = request.status().path("status");
    assertThat(status.path("healthStatus").path("healthRecords").get(0).path("promiseVersion").asText()).isEqualTo("v7");
    assertThat(status.path("healthStatus").path("state").asText()).isEqualTo("healthy");

    // The next run is at the top of the next hour, not before.
    long next = Instant.parse(definition.status().path("status").path("nextScheduledTime").asText()).toEpochMilli();
    assertThat(next % Duration.ofHours(1).toMillis()).isZero();
    long untilNext = next - env.currentTimeMillis();
    env.sleep(Duration.ofMillis(untilNext - 1000));
    assertThat(healthRuns()).isEqualTo(1);
    fakes.fails = run -> run.pipeline().name().equals("probe");
    env.sleep(Duration.ofSeconds(2));
    FakeWorld.await(() -> healthRuns() == 2);
    FakeWorld.await(() -> "unhealthy".equals(request.status().path("status").path("healthStatus").path("state").asText()));
    env.sleep(Duration.ofHours(3));
    assertThat(healthRuns()).isEqualTo(5);
    // Its status counts the runs by state (kratix_health_check_runs_total) and names its schedule.
    JsonNode own = definition.status().path("status");
    assertThat(own.path("runs").path("healthy").asLong()).isEqualTo(1);
    assertThat(own.path("runs").path("unhealthy").asLong()).isEqualTo(4);
    assertThat(own.path("schedule").asText()).isEqualTo(KratixYaml.parseOne(DEFINITION).path("spec").path("schedule").asText());
    JsonNode condition = null;
    for (JsonNode c : request.status().path("status").path("conditions")) {
      if (c.path("type").asText().equals("HealthChecksSucceeded")) condition = c;
    }
    assertThat(condition).isNotNull();
    assertThat(condition.path("status").asText()).isEqualTo("False");
    assertThat(condition.path("reason").asText()).isEqualTo("Unhealthy");

    // Deleting the definition takes its record off the request.
    definition.delete();
    FakeWorld.await(() -> request.status().path("status").path("healthStatus").path("healthRecords").isEmpty());
    assertThat(request.status().path("status").path("conditions").findValuesAsText("reason")).contains("NoHealthChecks");
    FakeWorld.recordHistory(env, WorkflowIds.healthDefinition("default", "hc-hourly"), "health-check-schedule");
    FakeWorld.recordHistory(env, WorkflowStub.fromTyped(request).getExecution().getWorkflowId(), "health-check-schedule");
  }
}

package dev.kratixtemporal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real `temporal server start-dev` (the binary of kratix.temporal.cli, default `temporal` on PATH). */
class TemporalDevServerTest {
  static final String CLI = System.getProperty("kratix.temporal.cli", "temporal");

  @TempDir
  Path dataDir;

  static TemporalDevServer start(Path dataDir) throws IOException {
    return TemporalDevServer.start(new TemporalDevServer.Settings(CLI, dataDir, 0, 0, "default"));
  }

  @Test
  void aWorkflowAndTheSearchAttributesSurviveARestartOnTheSameDataDir() throws Exception {
    try (TemporalDevServer first = start(dataDir)) {
      assertEquals(List.of("KratixKind", "KratixNamespace", "KratixPhase", "KratixPromise"), kratixSearchAttributes(first));
      startWaitingWorkflow(first, "tmp-devserver-restart");
    }
    try (TemporalDevServer second = start(dataDir)) {
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, status(second, "tmp-devserver-restart"));
    }
  }

  /** The Web UI is told where the codec endpoint is, so it decodes encrypted payloads without any setup. */
  @Test
  void theWebUiIsToldTheCodecEndpoint() throws Exception {
    String endpoint = "http://127.0.0.1:18080/codec";
    try (TemporalDevServer server = TemporalDevServer.start(new TemporalDevServer.Settings(CLI, dataDir, 0, 0, "default", endpoint))) {
      var http = java.net.http.HttpClient.newHttpClient();
      var settings = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + server.uiPort() + "/api/v1/settings")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, settings.statusCode());
      assertEquals(endpoint, new com.fasterxml.jackson.databind.ObjectMapper().readTree(settings.body())
          .path("Codec").path("Endpoint").asText(), settings.body());
    }
  }

  /** The JVM that started the server is SIGKILLed: its watchdog stops the server, and the next start is clean. */
  @Test
  void sigkillOfTheJvmStopsTheServerAndTheNextStartFindsItsWorkflows() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dkratix.temporal.cli=" + CLI,
        TemporalDevServerChild.class.getName(), dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String ready;
    BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
    do {
      ready = out.readLine(); // past the SDK's log lines
    } while (ready != null && !ready.startsWith("ready "));
    assertTrue(ready != null && ready.startsWith("ready "), "child JVM said: " + ready);
    ProcessHandle server = ProcessHandle.of(Long.parseLong(ready.split(" ")[1])).orElseThrow();
    assertTrue(server.isAlive());

    jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
    jvm.waitFor(10, TimeUnit.SECONDS);
    long killed = System.nanoTime();
    server.onExit().get(15, TimeUnit.SECONDS);
    System.out.printf("dev server gone %d ms after SIGKILL of its JVM%n", (System.nanoTime() - killed) / 1_000_000);
    assertFalse(server.isAlive());

    try (TemporalDevServer next = start(dataDir)) {
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, status(next, "tmp-devserver-sigkill"));
    }
  }

  static void startWaitingWorkflow(TemporalDevServer server, String id) {
    WorkflowServiceStubs stubs = stubs(server);
    try {
      // No worker polls this queue: the workflow just stays Running.
      WorkflowClient.newInstance(stubs).newUntypedWorkflowStub("Nothing",
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("tmp-nobody").build()).start();
    } finally {
      stubs.shutdownNow();
    }
  }

  static WorkflowExecutionStatus status(TemporalDevServer server, String id) {
    WorkflowServiceStubs stubs = stubs(server);
    try {
      return stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build())
          .getWorkflowExecutionInfo().getStatus();
    } finally {
      stubs.shutdownNow();
    }
  }

  static List<String> kratixSearchAttributes(TemporalDevServer server) {
    OperatorServiceStubs op = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(server.target()).validateAndBuildWithDefaults());
    try {
      return op.blockingStub().listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
          .getCustomAttributesMap().keySet().stream().filter(k -> k.startsWith("Kratix")).sorted().toList();
    } finally {
      op.shutdownNow();
    }
  }

  static WorkflowServiceStubs stubs(TemporalDevServer server) {
    return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
  }
}

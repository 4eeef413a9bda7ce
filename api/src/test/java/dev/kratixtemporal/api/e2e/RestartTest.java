package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.activities.codec.AesGcmPayloadCodec;
import dev.kratixtemporal.activities.secrets.SecretsKey;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.workflow.PromiseWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev default is durable: stopped (SIGTERM, or SIGKILL of its whole process group) and started again with
 * the same data dir, it shows every object as before, Git agrees, and work goes on without writing twice.
 */
class RestartTest {
  static final String REQUESTS = "/api/v1/promises/tmp-durable/resources";
  static final String FILES = "dev/resources/default/tmp-durable/";

  @TempDir
  Path tmp;

  @BeforeAll
  static void imagesArePresent() {
    PipelineImages.requireBuilt();
  }

  @Test
  void afterSigtermEverythingIsThereAndAnUpdateConverges() {
    restart("tmp-term", AppProcess::terminate);
  }

  @Test
  void afterSigkillOfTheProcessGroupEverythingIsThereAndAnUpdateConverges() {
    restart("tmp-kill", AppProcess::killGroup);
  }

  private void restart(String name, Consumer<AppProcess> stop) {
    DevApp app = new DevApp(tmp.resolve("data"));
    try {
      app.start();
      restart(app, name, stop);
    } finally {
      app.stop();
    }
  }

  private void restart(DevApp app, String name, Consumer<AppProcess> stop) {
    app.api.applyOk(EndToEndTest.resource("tmp-durable.yaml"));
    EndToEndTest.eventually("Promise Available", () -> app.getOrNull("/api/v1/promises/tmp-durable"),
        p -> p != null && "Available".equals(p.path("status").path("status").asText()));
    app.api.applyOk(request(name, "red"));
    reconciled(app, name, 1);
    Map<String, JsonNode> before = everything(app);
    List<String> filesBefore = app.repo.files();
    List<String> commitsBefore = app.repo.log();
    String file = FILES + name + "/paint/5058f/main.yaml";
    assertThat(filesBefore).contains(file);

    stop.accept(app.process());
    app.start();

    Map<String, JsonNode> after = everything(app);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    before.forEach((k, v) -> assertThat(KratixYaml.toYaml(after.get(k))).as(k).isEqualTo(KratixYaml.toYaml(v)));
    assertThat(app.repo.files()).isEqualTo(filesBefore);
    assertThat(app.repo.log()).isEqualTo(commitsBefore);
    // Git and the statuses agree: the request's placement on Destination dev is the file above.
    JsonNode rr = app.api.getOrNull(REQUESTS + "/default/" + name);
    assertThat(rr.path("status").path("kratix").path("workPlacements").findValuesAsText("destination")).contains("dev");

    listedByVisibilityAlone(app, name);

    app.api.applyOk(request(name, "blue"));
    reconciled(app, name, 2);
    assertThat(KratixYaml.parseOne(app.repo.read(file)).path("data").path("colour").asText()).isEqualTo("blue");
    assertThat(app.repo.log().stream().filter(l -> l.contains("Update from: tmp-durable-" + name + "-")))
        .as("one Update from: commit per generation").hasSize(2);
  }

  /**
   * This process applied nothing since its start, so its lists come from Temporal's visibility alone. To show the
   * Promise's own list of its requests is not what serves them, the Promise is made to forget the request (its
   * `requestRemoved` signal, as an operator with the key could send it): the request is still listed. The Promise is
   * then told again, so that the update below converges as before.
   */
  private static void listedByVisibilityAlone(DevApp app, String name) {
    String request = "resource/tmp-durable/default/" + name;
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(app.temporalAddress()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
          .setDataConverter(new CodecDataConverter(DefaultDataConverter.newDefaultInstance(),
              List.of(new AesGcmPayloadCodec(SecretsKey.load(app.dataDir.resolve("secrets"), null), true)), true))
          .build());
      PromiseWorkflow promise = client.newWorkflowStub(PromiseWorkflow.class, "promise/tmp-durable");
      promise.requestRemoved(request);
      EndToEndTest.eventually("the Promise forgot " + request, promise::requests, ids -> !ids.contains(request));
      assertThat(app.api.getOrNull(REQUESTS)).extracting(r -> r.path("metadata").path("name").asText()).contains(name);
      promise.requestAdded(request);
      EndToEndTest.eventually("the Promise knows " + request + " again", promise::requests, ids -> ids.contains(request));
    } finally {
      service.shutdownNow();
    }
  }

  static String request(String name, String colour) {
    return """
        apiVersion: test.kratix.dev/v1alpha1
        kind: TmpDurable
        metadata:
          name: %s
          namespace: default
        spec:
          colour: %s
        """.formatted(name, colour);
  }

  static JsonNode reconciled(DevApp app, String name, long generation) {
    return EndToEndTest.eventually(name + " Reconciled at generation " + generation,
        () -> app.getOrNull(REQUESTS + "/default/" + name),
        r -> r != null && r.path("status").path("observedGeneration").asLong() == generation
            && Status.condition(r, "Reconciled").equals("True"));
  }

  /** Every store, Destination, Promise and request as the API lists them, by kind and name. */
  static Map<String, JsonNode> everything(DevApp app) {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (String list : List.of("/api/v1/gitstatestores", "/api/v1/bucketstatestores", "/api/v1/destinations",
        "/api/v1/promises", REQUESTS)) {
      for (JsonNode o : app.api.getOrNull(list)) {
        all.put(list + "/" + o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText(), o);
      }
    }
    return all;
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.KratixApplication;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole product as the README's run command starts it: the real Temporal dev server (`temporal server
 * start-dev`, a child process with its database in this run's data dir, free ports), worker, REST API (random
 * port), the local Git state store served over smart HTTP, Destination "dev". Pipelines run as real containers from
 * the local images built by deploy/pipeline-images/build.sh, on the default runtime (the bubblewrap sandbox), or on
 * the one -Dkratix.e2e.pipeline-runtime names (podman).
 */
@SpringBootTest(classes = KratixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kratix.temporal.server=dev", "kratix.temporal.port=0", "kratix.dev.enabled=true",
        "kratix.platform.sync-interval=1s",
        // Spring Boot's tests turn metrics exporters off; /actuator/prometheus is part of the product (docs/slos.md).
        "management.prometheus.metrics.export.enabled=true"})
abstract class EndToEndTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** The pipeline runtime of the suite: -Dkratix.e2e.pipeline-runtime=podman runs it on podman. */
  static final String RUNTIME = System.getProperty("kratix.e2e.pipeline-runtime", "sandbox");
  static final Path DATA_DIR;

  static {
    try {
      DATA_DIR = Files.createTempDirectory("kratix-e2e");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Set by the @DynamicPropertySource of a test class whose settings give it a Spring context of its own (Spring runs a
   * subclass's before this one): that context gets this data dir instead of the shared one, whose dev server its own
   * would otherwise stop as left over, leaving every later test of the shared context without Temporal.
   */
  static String ownContextDataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    String dir = ownContextDataDir != null ? ownContextDataDir : DATA_DIR.toString();
    ownContextDataDir = null;
    registry.add("kratix.data-dir", () -> dir);
    registry.add("kratix.pipeline-runtime", () -> RUNTIME);
    // SLO alert changes go to a receiver on loopback (SloWebhookEndToEndTest).
    registry.add("kratix.slo.webhook.url", AlertReceiver::url);
    registry.add("kratix.slo.webhook.headers[" + AlertReceiver.HEADER + "]", () -> AlertReceiver.TOKEN);
  }

  @LocalServerPort
  int port;

  /** The dev server's gRPC and Web UI ports. */
  @org.springframework.beans.factory.annotation.Value("${kratix.temporal.bound-port}")
  int temporalPort;

  @org.springframework.beans.factory.annotation.Value("${kratix.temporal.bound-ui-port:0}")
  int temporalUiPort;

  @Autowired
  WorkflowClient temporal;

  Api api;
  StateRepository repo;

  @BeforeAll
  static void imagesArePresent() {
    PipelineImages.requireBuilt();
  }

  @org.junit.jupiter.api.BeforeEach
  void connect() {
    api = new Api("http://127.0.0.1:" + port);
    repo = new StateRepository("http://127.0.0.1:" + port + "/git/state.git");
    // The dev default is applied when the application is ready.
    eventually("Destination dev is Ready", () -> api.getOrNull("/api/v1/destinations/dev"),
        d -> d != null && Status.condition(d, "Ready").equals("True"));
  }

  /** Waits for a Promise to be Available and returns it. */
  JsonNode awaitAvailable(String promise) {
    return eventually(promise + " Available", () -> api.getOrNull("/api/v1/promises/" + promise),
        p -> p != null && "Available".equals(p.path("status").path("status").asText()));
  }

  /** Polls until the value satisfies the predicate; fails with the last value seen. */
  static <T> T eventually(String what, Supplier<T> value, Predicate<T> ok) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = value.get();
      if (ok.test(last)) return last;
      sleep(250);
    }
    fail("timed out waiting for " + what + "; last seen: " + (last instanceof JsonNode j ? KratixYaml.toYaml(j) : last));
    return last;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String resource(String name) {
    try (var in = EndToEndTest.class.getResourceAsStream("/promises/" + name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kratixtemporal.workflow.Observation;
import dev.kratixtemporal.workflow.SloWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert webhook (docs/slos.md): with kratix.slo.webhook.url and a header set, an SLO that goes to page POSTs its
 * change, with the header, to a receiver on loopback. Events are signalled with the Temporal client, as SloApiTest
 * does.
 */
class SloWebhookEndToEndTest extends EndToEndTest {
  /** One POST the receiver got: its Authorization header and its JSON body. */
  record Received(String authorization, String contentType, JsonNode body) {}

  static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
  static final HttpServer RECEIVER;

  static {
    try {
      RECEIVER = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RECEIVER.createContext("/wh-alerts", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8))));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    RECEIVER.start();
  }

  @DynamicPropertySource
  static void webhook(DynamicPropertyRegistry registry) {
    registry.add("kratix.slo.webhook.url",
        () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/wh-alerts");
    registry.add("kratix.slo.webhook.headers[Authorization]", () -> "Bearer wh-token");
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.stop(0);
  }

  @Test
  void anSloThatPages_postsItsChangeWithTheConfiguredHeader() throws Exception {
    api.applyOk(SloApiTest.PROMISE.replace("sa-db", "wh-db").replace("sadbs", "whdbs").replace("SaDb", "WhDb")
        .replace("sadb", "whdb"));
    api.applyOk(SloApiTest.inline("wh-paging", "wh-db", "provisioning", "0.99"));
    eventually("wh-paging started", () -> api.getOrNull("/api/v1/slos/wh-paging"),
        s -> s != null && "ok".equals(s.path("status").path("alertState").asText()));

    // Two bad events: every burn rate (1 - 0) / 0.01 = 100, above 14.4 over 1h and 5m: page.
    long now = System.currentTimeMillis();
    temporal.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo("wh-paging"))
        .observeAll(List.of(new Observation(now, false), new Observation(now, false)));

    Received call = RECEIVED.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(call).as("the webhook was called").isNotNull();
    assertThat(call.authorization()).isEqualTo("Bearer wh-token");
    assertThat(call.contentType()).isEqualTo("application/json");
    JsonNode body = call.body();
    assertThat(body.path("slo").asText()).isEqualTo("wh-paging");
    assertThat(body.path("promise").asText()).isEqualTo("wh-db");
    assertThat(body.path("from").asText()).isEqualTo("ok");
    assertThat(body.path("to").asText()).isEqualTo("page");
    assertThat(java.time.Instant.parse(body.path("at").asText()).toEpochMilli()).isGreaterThanOrEqualTo(now - 1000);
    assertThat(body.path("sli").asDouble()).isEqualTo(0.0);
    assertThat(body.path("objective").asDouble()).isEqualTo(0.99);
    assertThat(body.path("errorBudgetRemaining").asDouble()).isEqualTo(-99.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(body.path("burnRates").path("5m").asDouble()).isEqualTo(100.0, org.assertj.core.data.Offset.offset(1e-9));

    // The SLO's status says so.
    JsonNode slo = eventually("wh-paging's status names the webhook call", () -> api.getOrNull("/api/v1/slos/wh-paging"),
        s -> s.path("status").path("webhook").asText().startsWith("sent ok -> page"));
    assertThat(slo.path("status").path("alertState").asText()).isEqualTo("page");
    assertThat(api.delete("/api/v1/slos/wh-paging").status()).isEqualTo(202);
  }
}

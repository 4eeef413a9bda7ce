package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.workflow.Observation;
import dev.kratixtemporal.workflow.SloWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert webhook (docs/slos.md): the suite's settings point kratix.slo.webhook.url and an Authorization header at
 * {@link AlertReceiver}, a receiver on loopback; an SLO that goes to page POSTs its change there, with the header.
 * Events are signalled with the Temporal client, as SloApiTest does.
 */
class SloWebhookEndToEndTest extends EndToEndTest {
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

    AlertReceiver.Received call = AlertReceiver.next(r -> "wh-paging".equals(r.body().path("slo").asText()), TIMEOUT);
    assertThat(call).as("the webhook was called").isNotNull();
    assertThat(call.authorization()).isEqualTo("Bearer wh-token");
    assertThat(call.contentType()).isEqualTo("application/json");
    JsonNode body = call.body();
    assertThat(body.path("promise").asText()).isEqualTo("wh-db");
    assertThat(body.path("from").asText()).isEqualTo("ok");
    assertThat(body.path("to").asText()).isEqualTo("page");
    assertThat(Instant.parse(body.path("at").asText()).toEpochMilli()).isGreaterThanOrEqualTo(now - 1000);
    assertThat(body.path("sli").asDouble()).isEqualTo(0.0);
    assertThat(body.path("objective").asDouble()).isEqualTo(0.99);
    assertThat(body.path("errorBudgetRemaining").asDouble()).isCloseTo(-99.0, within(1e-9));
    assertThat(body.path("burnRates").path("5m").asDouble()).isCloseTo(100.0, within(1e-9));

    // The SLO's status says so.
    JsonNode slo = eventually("wh-paging's status names the webhook call", () -> api.getOrNull("/api/v1/slos/wh-paging"),
        s -> s.path("status").path("webhook").asText().startsWith("sent ok -> page"));
    assertThat(slo.path("status").path("alertState").asText()).isEqualTo("page");
    assertThat(api.delete("/api/v1/slos/wh-paging").status()).isEqualTo(202);
  }
}

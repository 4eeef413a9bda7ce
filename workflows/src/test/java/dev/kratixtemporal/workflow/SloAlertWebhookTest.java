package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kratixtemporal.activity.AlertNotice;
import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.slo.Slo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SLO's alert changes POSTed to the webhook (docs/slos.md, "Alert webhook"), on the time-skipping test server:
 * the canary of SloWorkflowTest.pagesAfterATicket, every 30 seconds, its 170th and 220th runs failing: ticket at
 * 85 min, page at 110 min. With -Drecord.histories=DIR the histories are saved for HistoryReplayTest.
 */
class SloAlertWebhookTest {
  static final long T0 = SloWorkflowTest.T0;
  static final long MIN = 60_000;

  FakeActivities fakes = new FakeActivities();
  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(TestEnvironmentOptions.newBuilder().setInitialTime(Instant.ofEpochMilli(T0)).build(),
        fakes, SloWorkflowImpl.class, PromiseWorkflowImpl.class);
    client = env.getWorkflowClient();
    WorkflowClient.start(client.newWorkflowStub(PromiseWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.promise("slotest")).setTaskQueue(WorkflowIds.TASK_QUEUE).build())::run,
        new PromiseWorkflowState());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private SloWorkflow startSlo(String name) {
    SloWorkflowState state = SloWorkflowState.of(Slo.parse(KratixYaml.parseOne(SloWorkflowTest.SLO.formatted(name)),
        Map.of()));
    WorkflowClient.start(client.newWorkflowStub(SloWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.slo(name)).setTaskQueue(WorkflowIds.TASK_QUEUE).build())::run, state);
    return client.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo(name));
  }

  /** Runs k = 1..230 at T0 + 30k s, each sent a second late; then a minute passes with nothing to do. */
  private SloStatus canary(SloWorkflow slo) {
    for (int k = 1; k <= 230; k++) {
      long at = T0 + k * MIN / 2;
      env.sleep(Duration.ofMillis(at + 1000 - env.currentTimeMillis()));
      slo.observe(new Observation(at, k <= 120 || (k - 120) % 50 != 0));
    }
    env.sleep(Duration.ofMinutes(1));
    FakeWorld.await(() -> slo.status().evaluatedAt() >= T0 + 115 * MIN + 1000);
    return slo.status();
  }

  /** Seconds since T0 of an RFC 3339 time (the test server's clock may add a few milliseconds). */
  private static long seconds(String rfc3339) {
    return (Instant.parse(rfc3339).toEpochMilli() - T0) / 1000;
  }

  @Test
  void eachAlertChangeIsPosted_withTheSlosNumbersThen() {
    SloWorkflow slo = startSlo("wh-slo");
    SloStatus s = canary(slo);
    assertThat(s.alertState()).isEqualTo(AlertState.PAGE);

    List<AlertNotice> sent = fakes.webhookCalls;
    assertThat(sent).extracting(AlertNotice::from, AlertNotice::to).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertState.OK, AlertState.TICKET),
        org.assertj.core.groups.Tuple.tuple(AlertState.TICKET, AlertState.PAGE));
    AlertNotice ticket = sent.get(0);
    assertThat(ticket.slo()).isEqualTo("wh-slo");
    assertThat(ticket.promise()).isEqualTo("slotest");
    // Evaluated when the 170th run's signal came, a second after it.
    assertThat(seconds(ticket.at())).isEqualTo(85 * 60 + 1);
    assertThat(ticket.objective()).isEqualTo(0.999);
    // 1 bad of 170: SLI 169/170; budget 1 - (1/170) / 0.001; 6h holds all 170 runs: 5.88x; 1h runs 52..170: 8.4x.
    assertThat(ticket.sli()).isCloseTo(169.0 / 170, within(1e-12));
    assertThat(ticket.errorBudgetRemaining()).isCloseTo(1 - 1000.0 / 170, within(1e-9));
    assertThat(ticket.burnRates().get("6h")).isCloseTo(1000.0 / 170, within(1e-9));
    assertThat(ticket.burnRates().get("1h")).isCloseTo(1000.0 / 119, within(1e-9));
    assertThat(ticket.burnRates()).containsOnlyKeys("5m", "30m", "1h", "6h", "3d");
    AlertNotice page = sent.get(1);
    assertThat(seconds(page.at())).isEqualTo(110 * 60 + 1);
    assertThat(page.sli()).isCloseTo(218.0 / 220, within(1e-12));
    assertThat(s.webhook()).isEqualTo("sent ticket -> page at " + page.at());
    FakeWorld.recordHistory(env, WorkflowIds.slo("wh-slo"), "slo-alert-webhook");
  }

  @Test
  void noUrlSet_oneCallFindsOut_andTheNextChangeCostsNothing() {
    fakes.webhookSet = false;
    SloStatus s = canary(startSlo("wh-unset"));
    assertThat(s.alertState()).isEqualTo(AlertState.PAGE);
    assertThat(fakes.webhookCalls).extracting(AlertNotice::to).containsExactly(AlertState.TICKET);
    assertThat(s.webhook()).contains("no webhook URL set");
  }

  @Test
  void aWebhookThatIsDown_isTriedFiveTimesPerChange_andNeverDelaysTheAlertState() {
    fakes.webhookDown = true;
    SloStatus s = canary(startSlo("wh-down"));
    assertThat(s.alertState()).isEqualTo(AlertState.PAGE);
    assertThat(s.alertChanges().subList(1, s.alertChanges().size())).extracting(c -> (c.at() - T0) / 1000)
        .containsExactly(85 * 60 + 1L, 110 * 60 + 1L);
    assertThat(fakes.webhookCalls).extracting(AlertNotice::to).containsExactly(
        AlertState.TICKET, AlertState.TICKET, AlertState.TICKET, AlertState.TICKET, AlertState.TICKET,
        AlertState.PAGE, AlertState.PAGE, AlertState.PAGE, AlertState.PAGE, AlertState.PAGE);
    assertThat(s.webhook()).startsWith("not sent ticket -> page at 2026-01-01T01:50:01")
        .endsWith(": wh-receiver: connection refused");
    FakeWorld.recordHistory(env, WorkflowIds.slo("wh-down"), "slo-alert-webhook-down");
  }
}

package dev.kratixtemporal.activities.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.kratixtemporal.activity.AlertNotice;
import dev.kratixtemporal.activity.AlertWebhookActivities;
import dev.kratixtemporal.logic.slo.AlertState;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert webhook against a receiver on loopback: what it sends, and which answers are worth another attempt. */
class HttpAlertWebhookTest {
  static final AlertNotice NOTICE = new AlertNotice("wh-slo", "wh-db", AlertState.TICKET, AlertState.PAGE,
      "2026-01-01T01:50:01Z", null, 0.999, -5.5, Map.of("5m", 100.0));

  HttpServer receiver;
  TestActivityEnvironment env;
  final List<String> received = new CopyOnWriteArrayList<>();
  volatile int answer = 204;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/wh", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("X-Token") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(answer, -1);
      exchange.close();
    });
    receiver.start();
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.stop(0);
  }

  private AlertWebhookActivities webhook(String url) {
    env.registerActivitiesImplementations(new HttpAlertWebhook(new AlertWebhookSettings(url, Map.of("X-Token", "wh-secret"))));
    return env.newActivityStub(AlertWebhookActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/wh";
  }

  @Test
  void postsTheNoticeAsJsonWithTheHeaders() {
    assertThat(webhook(url()).notifyAlertChange(NOTICE)).isTrue();
    assertThat(received).containsExactly("wh-secret {\"slo\":\"wh-slo\",\"promise\":\"wh-db\",\"from\":\"ticket\","
        + "\"to\":\"page\",\"at\":\"2026-01-01T01:50:01Z\",\"sli\":null,\"objective\":0.999,"
        + "\"errorBudgetRemaining\":-5.5,\"burnRates\":{\"5m\":100.0}}");
  }

  @Test
  void noUrl_sendsNothing() {
    assertThat(webhook("").notifyAlertChange(NOTICE)).isFalse();
    assertThat(received).isEmpty();
  }

  @Test
  void aRefusalIsNotRetried_aBrokenReceiverIs() {
    AlertWebhookActivities webhook = webhook(url());
    answer = 403;
    ApplicationFailure refused = (ApplicationFailure) catchThrowableOfType(
        () -> webhook.notifyAlertChange(NOTICE), ActivityFailure.class).getCause();
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).isEqualTo("webhook 127.0.0.1 answered HTTP 403").doesNotContain("wh-secret");
    answer = 503;
    ApplicationFailure broken = (ApplicationFailure) catchThrowableOfType(
        () -> webhook.notifyAlertChange(NOTICE), ActivityFailure.class).getCause();
    assertThat(broken.isNonRetryable()).isFalse();
  }
}

package dev.kratixtemporal.activities.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kratixtemporal.activity.AlertNotice;
import dev.kratixtemporal.activity.AlertWebhookActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POSTs an alert change as JSON, with the configured headers. Each failed attempt is logged; Temporal retries. */
public class HttpAlertWebhook implements AlertWebhookActivities {
  private static final Logger LOG = LoggerFactory.getLogger(HttpAlertWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final AlertWebhookSettings settings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public HttpAlertWebhook(AlertWebhookSettings settings) {
    this.settings = settings;
  }

  @Override
  public boolean notifyAlertChange(AlertNotice notice) {
    if (!settings.set()) return false;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url())).timeout(TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(notice)));
    settings.headers().forEach(request::header);
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      // The URL is a setting: name the host, never the headers.
      throw failed(notice, attempt, "unreachable: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(notice, attempt, "interrupted", true);
    }
    if (status / 100 == 2) return true;
    // A refusal the receiver will repeat is not retried; a busy or broken one is.
    boolean retry = status >= 500 || status == 408 || status == 429;
    throw failed(notice, attempt, "answered HTTP " + status, retry);
  }

  static String body(AlertNotice notice) {
    try {
      return JSON.writeValueAsString(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApplicationFailure failed(AlertNotice notice, int attempt, String why, boolean retry) {
    String message = "webhook " + URI.create(settings.url()).getHost() + " " + why;
    LOG.warn("SLO {}: alert change to {} not sent (attempt {}): {}", notice.slo(), notice.to(), attempt, message);
    return retry ? ApplicationFailure.newFailure(message, "WebhookFailed")
        : ApplicationFailure.newNonRetryableFailure(message, "WebhookRefused");
  }
}

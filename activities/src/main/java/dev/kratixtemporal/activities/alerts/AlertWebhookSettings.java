package dev.kratixtemporal.activities.alerts;

import java.util.Map;

/**
 * kratix.slo.webhook.*: where SLO alert changes are POSTed.
 *
 * @param url the receiver; null or blank: no webhook, nothing is sent
 * @param headers sent with every call (an Authorization token, say); kept in the settings, never in a workflow
 */
public record AlertWebhookSettings(String url, Map<String, String> headers) {
  public AlertWebhookSettings {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** Header values may be tokens: never printed. */
  @Override
  public String toString() {
    return "AlertWebhookSettings[url=" + url + ", headers=" + headers.keySet() + "]";
  }

  public boolean set() {
    return url != null && !url.isBlank();
  }
}

package dev.kratixtemporal.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** POSTs an SLO's alert change to the webhook of the settings (kratix.slo.webhook.url and .headers). */
@ActivityInterface
public interface AlertWebhookActivities {
  /**
   * Sends the notice as JSON. A refusal the receiver will repeat (a 4xx other than 408 and 429) fails at once,
   * non-retryable; an unreachable receiver or a 5xx fails, to be retried.
   *
   * @return false, having sent nothing, when no webhook URL is set
   */
  @ActivityMethod
  boolean notifyAlertChange(AlertNotice notice);
}

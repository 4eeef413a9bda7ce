package dev.kratixtemporal.logic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;

/**
 * A pipeline's /kratix/metadata/workflow-control.yaml (Kratix docs: workflow-control suspension and retry): suspend, or retry after a while. retryAfter wins
 * over suspend; OSS Kratix reads only suspend, retryAfter and message.
 *
 * @param retryAfter null unless a retry was asked for
 */
public record WorkflowControl(boolean suspend, Duration retryAfter, String message) {
  /** A pipeline asking to be retried sooner (even "0s") waits this long: no pipeline can spin the platform. */
  public static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(10);

  /** The wait before the retry, never under {@link #MIN_RETRY_AFTER}. */
  public Duration boundedRetryAfter() {
    return retryAfter == null || retryAfter.compareTo(MIN_RETRY_AFTER) >= 0 ? retryAfter : MIN_RETRY_AFTER;
  }

  /** null when the file is absent or asks for nothing. */
  public static WorkflowControl parse(JsonNode file) {
    if (file == null || !file.isObject()) return null;
    Duration retry = null;
    if (file.hasNonNull("retryAfter")) {
      try {
        retry = GoDuration.parse(file.get("retryAfter").asText());
      } catch (IllegalArgumentException e) {
        throw new InvalidDocumentException("workflow-control.yaml.retryAfter", e.getMessage());
      }
    }
    boolean suspend = file.path("suspend").asBoolean(false);
    if (retry == null && !suspend) return null;
    return new WorkflowControl(suspend, retry, file.path("message").asText(null));
  }
}

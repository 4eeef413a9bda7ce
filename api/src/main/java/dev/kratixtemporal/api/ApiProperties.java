package dev.kratixtemporal.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API process's settings under "kratix" (the worker's are {@link dev.kratixtemporal.worker.KratixProperties}),
 * checked at start-up: a bad value stops the application with a report naming the setting and the value.
 *
 * @param api the REST API
 * @param platform the platform Destination's agent
 * @param controller the Kubernetes controller mode
 */
@ConfigurationProperties("kratix")
@Validated
public record ApiProperties(@Valid Api api, @Valid Platform platform, @Valid Controller controller) {
  public ApiProperties {
    if (api == null) api = new Api(null, null);
    if (platform == null) platform = new Platform(null, null);
    if (controller == null) controller = new Controller(null, null);
  }

  /**
   * @param maxBodyBytes the largest apply body read; larger ones get 413 before any parsing (default 4 MiB)
   * @param recentApplyWindow how long a list also asks the workflows this process applied, whether or not Temporal's
   *     visibility has indexed them yet (default 30s; 0: visibility alone)
   */
  public record Api(@Positive Long maxBodyBytes, @DurationMin(millis = 0) Duration recentApplyWindow) {
    public Api {
      if (maxBodyBytes == null) maxBodyBytes = 4L * 1024 * 1024;
      if (recentApplyWindow == null) recentApplyWindow = Duration.ofSeconds(30);
    }
  }

  /**
   * @param destination the Destination that stands for this platform; empty: none
   * @param syncInterval how often what is scheduled there is applied here (default 5s)
   */
  public record Platform(
      @Pattern(regexp = "|[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?", message = "must be empty or a Destination name")
      String destination,
      @DurationMin(millis = 1) Duration syncInterval) {
    public Platform {
      if (destination == null) destination = "";
      if (syncInterval == null) syncInterval = Duration.ofSeconds(5);
    }
  }

  /**
   * @param enabled watch Kratix objects on the cluster of the default kube config
   * @param statusInterval how often each object's workflow status is read for its status subresource (default 5s)
   */
  public record Controller(Boolean enabled, @DurationMin(millis = 1) Duration statusInterval) {
    public Controller {
      if (enabled == null) enabled = false;
      if (statusInterval == null) statusInterval = Duration.ofSeconds(5);
    }
  }
}

package dev.kratixtemporal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Every kratix.* setting of the worker is checked when the application starts: a bad value stops it, and the
 * start-up report names the setting, the value and what is wrong with it, as an operator reads it in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class KratixSettingsValidationTest {

  @Configuration
  @EnableConfigurationProperties(KratixProperties.class)
  static class OnlySettings {}

  private static ConfigurableApplicationContext start(String... args) {
    SpringApplication app = new SpringApplication(OnlySettings.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    return app.run(args);
  }

  @Test
  void theDefaultsStart() {
    try (ConfigurableApplicationContext ctx = start()) {
      KratixProperties p = ctx.getBean(KratixProperties.class);
      assertThat(p.pipelineRuntime()).isEqualTo("sandbox");
      assertThat(p.workflows().reconciliationInterval()).isEqualTo("10h");
      assertThat(p.secrets().source()).isEqualTo("file");
    }
  }

  /** Sizes and durations are reported as Spring read them (-5MB as -5242880B, -10s as PT-10S). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kratix.workflows.reconciliation-interval | ten hours | must be a Go duration |",
      "kratix.workflows.state-store-reconciliation-interval | 5 minutes | must be a Go duration |",
      "kratix.workflows.converge-concurrency | 0 | must be greater than 0 |",
      "kratix.workflows.max-history-events | -1 | must be greater than 0 |",
      "kratix.pipeline-concurrency | -2 | must be greater than 0 |",
      "kratix.pipeline-runtime | docker | must be sandbox, podman or kubernetes |",
      "kratix.sandbox.max-images | -1 | must be greater than or equal to 0 |",
      "kratix.podman.pids-limit | -1 | must be greater than or equal to 0 |",
      "kratix.podman.memory | -5MB | must not be negative | -5242880B",
      "kratix.podman.cpus | -0.5 | must be greater than or equal to 0 |",
      "kratix.podman.timeout | -10s | must be longer than or equal to 0 | PT-10S",
      "kratix.pipeline-output.max-bytes | -1B | must not be negative |",
      "kratix.pipeline-output.max-files | -3 | must be greater than or equal to 0 |",
      "kratix.pipeline-output.max-result-bytes | -1KB | must not be negative | -1024B",
      "kratix.kubernetes.number-of-jobs-to-keep | -1 | must be greater than or equal to 0 |",
      "kratix.kubernetes.default-backoff-limit | -1 | must be greater than or equal to 0 |",
      "kratix.temporal.sticky-schedule-to-start-timeout | -1s | must be longer than or equal to 0 | PT-1S",
      "kratix.secrets.source | vault | must be file or kubernetes |",
  })
  void aBadSettingStopsStartUpNamingTheSettingAndTheValue(String setting, String value, String reason,
      String reportedValue, CapturedOutput output) {
    assertThatThrownBy(() -> start("--" + setting + "=" + value).close()).isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr())
        .contains("Property: " + asReported(setting))
        .contains("Value: \"" + (reportedValue == null ? value : reportedValue) + "\"")
        .contains(reason);
  }

  /**
   * Spring reports a setting of a record (constructor binding) by its Java name: kratix.podman.pidsLimit for
   * kratix.podman.pids-limit. Both spellings set it (relaxed binding).
   */
  private static String asReported(String setting) {
    return java.util.regex.Pattern.compile("-([a-z])").matcher(setting).replaceAll(m -> m.group(1).toUpperCase());
  }

  /** A key is a secret: the report names the setting and the fault, never the value. */
  @Test
  void aMalformedSecretsKeyStopsStartUpWithoutPrintingIt(CapturedOutput output) {
    for (String key : new String[] {"not*base64*at*all", "c2hvcnQ="}) {
      assertThatThrownBy(() -> start("--kratix.secrets.key=" + key).close()).isInstanceOf(Exception.class);
      assertThat(output.getOut() + output.getErr()).contains("Property: kratix.secrets.key")
          .contains("must be standard base64 of 32 bytes").doesNotContain(key);
    }
    // 32 bytes in base64 starts
    start("--kratix.secrets.key=" + "A".repeat(43) + "=").close();
  }
}

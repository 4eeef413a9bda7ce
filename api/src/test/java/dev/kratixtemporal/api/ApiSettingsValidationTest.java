package dev.kratixtemporal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

/** The API's kratix.* settings are checked at start-up: a bad value stops it with a report naming it. */
@ExtendWith(OutputCaptureExtension.class)
class ApiSettingsValidationTest {

  @Configuration
  @EnableConfigurationProperties(ApiProperties.class)
  static class OnlySettings {}

  private static ConfigurableApplicationContext start(String... args) {
    SpringApplication app = new SpringApplication(OnlySettings.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    return app.run(args);
  }

  @Test
  void theDefaultsStart() {
    try (ConfigurableApplicationContext ctx = start()) {
      ApiProperties p = ctx.getBean(ApiProperties.class);
      assertThat(p.api().maxBodyBytes()).isEqualTo(4194304L);
      assertThat(p.api().recentApplyWindow()).isEqualTo(Duration.ofSeconds(30));
      assertThat(p.platform().syncInterval()).isEqualTo(Duration.ofSeconds(5));
      assertThat(p.controller().statusInterval()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  /** Settings of a record are reported by their Java names (kratix.api.maxBodyBytes); durations as Java reads them. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kratix.api.max-body-bytes | -1 | kratix.api.maxBodyBytes | -1 | must be greater than 0",
      "kratix.api.recent-apply-window | -1s | kratix.api.recentApplyWindow | PT-1S | must be longer than or equal to 0",
      "kratix.platform.sync-interval | 0s | kratix.platform.syncInterval | PT0S | must be longer than or equal to 1 milli",
      "kratix.platform.destination | ../up | kratix.platform.destination | ../up | must be empty or a Destination name",
      "kratix.controller.status-interval | -5s | kratix.controller.statusInterval | PT-5S | must be longer than or equal to 1 milli",
  })
  void aBadSettingStopsStartUpNamingTheSettingAndTheValue(String setting, String value, String reported,
      String reportedValue, String reason, CapturedOutput output) {
    assertThatThrownBy(() -> start("--" + setting + "=" + value).close()).isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr()).contains("Property: " + reported)
        .contains("Value: \"" + reportedValue + "\"").contains(reason);
  }
}

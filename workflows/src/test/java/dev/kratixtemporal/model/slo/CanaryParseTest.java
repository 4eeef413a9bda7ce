package dev.kratixtemporal.model.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canary block of a provisioning kratix source: what is read, and the error naming each bad field. */
class CanaryParseTest {
  static final String GOOD = "ratioMetric.good.metricSource.spec";

  static String slo(String goodSpec) {
    return SloTest.INLINE.replace("good: " + SloTest.SOURCE, "good: {metricSource: {type: kratix, spec: " + goodSpec + "}}");
  }

  @Test
  void aCanaryIsRead_onEitherSide() {
    Slo slo = SloTest.parse(slo("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 30m, "
        + "timeout: 15m, spec: {size: small}, destinationSelector: {env: dev, zone: a}}}"));
    Canary canary = slo.indicator().source().canary();
    assertThat(canary.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(canary.timeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(canary.spec().path("size").asText()).isEqualTo("small");
    assertThat(canary.destinationSelector()).isEqualTo(Map.of("env", "dev", "zone", "a"));
    assertThat(canary.selectorText()).isEqualTo("env=dev,zone=a");
    assertThat(SloTest.parse(SloTest.INLINE).indicator().source().canary()).isNull();
  }

  @Test
  void badCanariesAreRefused_namingTheField() {
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {timeout: 15m, spec: {}}}",
        GOOD + ".canary.interval", "is required");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: soon, timeout: 15m, spec: {}}}",
        GOOD + ".canary.interval", "must be a duration");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 0s, spec: {}}}",
        GOOD + ".canary.timeout", "longer than zero");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 5m, spec: {}}}",
        GOOD + ".canary.timeout", "must be at least within");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 15m, spec: [1]}}",
        GOOD + ".canary.spec", "must be an object");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 15m}}",
        GOOD + ".canary.spec", "is required");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 15m, spec: {}, "
        + "destinationSelector: {env: [dev]}}}", GOOD + ".canary.destinationSelector.env", "must be a string");
    refused("{promise: postgres, sli: provisioning, within: 10m, canary: {interval: 1m, timeout: 15m, spec: {}, x: 1}}",
        GOOD + ".canary.x", "unknown field");
  }

  @Test
  void aCanaryIsForProvisioningOnly() {
    String yaml = SloTest.INLINE.replace(SloTest.SOURCE,
        "{metricSource: {type: kratix, spec: {promise: postgres, sli: health, canary: {interval: 1m, timeout: 1m, spec: {}}}}}");
    assertThatThrownBy(() -> SloTest.parse(yaml)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining(GOOD + ".canary").hasMessageContaining("provisioning sli only");
  }

  private static void refused(String goodSpec, String field, String message) {
    assertThatThrownBy(() -> SloTest.parse(slo(goodSpec))).isInstanceOf(InvalidDocumentException.class)
        .satisfies(e -> assertThat(((InvalidDocumentException) e).field()).endsWith(field))
        .hasMessageContaining(message);
  }
}

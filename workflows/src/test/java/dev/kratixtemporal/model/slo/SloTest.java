package dev.kratixtemporal.model.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** OpenSLO v1 SLO and SLI documents over kratix sources: what is read, and the error naming each bad field. */
class SloTest {
  static final String SOURCE = "{metricSource: {type: kratix, spec: {promise: postgres, sli: provisioning, within: 10m}}}";
  static final String INLINE = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: postgres-provisioning, displayName: Postgres provisioning}
      spec:
        description: requests are Reconciled within 10 minutes
        service: postgres
        indicator:
          metadata: {name: postgres-provisioned}
          spec:
            ratioMetric:
              counter: true
              good: %s
              total: %s
        timeWindow:
          - duration: 28d
            isRolling: true
        budgetingMethod: Occurrences
        objectives:
          - displayName: good
            target: 0.999
      """.formatted(SOURCE, SOURCE);

  static Slo parse(String yaml) {
    return Slo.parse(KratixYaml.parseOne(yaml), Map.of());
  }

  @Test
  void anInlineIndicatorIsRead() {
    Slo slo = parse(INLINE);
    assertThat(slo.name()).isEqualTo("postgres-provisioning");
    assertThat(slo.indicator()).isEqualTo(new Sli("postgres-provisioned",
        new KratixMetricSource("postgres", Sli.Kind.PROVISIONING, Duration.ofMinutes(10))));
    assertThat(slo.window()).isEqualTo(Duration.ofDays(28));
    assertThat(slo.budgetingMethod()).isEqualTo(BudgetingMethod.Occurrences);
    assertThat(slo.target()).isEqualTo(0.999);
    assertThat(slo.timeSliceWindow()).isNull();
  }

  @Test
  void anSliByReference_withinDefaultsToFiveMinutes_andTargetPercentCounts() {
    Sli sli = Sli.parse(KratixYaml.parseOne("""
        apiVersion: openslo/v1
        kind: SLI
        metadata: {name: redis-provisioned}
        spec:
          ratioMetric:
            bad: {metricSource: {type: kratix, spec: {promise: redis, sli: provisioning}}}
            total: {metricSource: {type: kratix, spec: {promise: redis, sli: provisioning}}}
        """));
    assertThat(sli.source().within()).isEqualTo(Duration.ofMinutes(5));
    Slo slo = Slo.parse(KratixYaml.parseOne("""
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: redis}
        spec:
          indicatorRef: redis-provisioned
          timeWindow: [{duration: 1w, isRolling: true}]
          budgetingMethod: Timeslices
          objectives: [{targetPercent: 99.5, timeSliceTarget: 0.9, timeSliceWindow: 5m}]
        """), Map.of("redis-provisioned", sli));
    assertThat(slo.indicator()).isSameAs(sli);
    assertThat(slo.window()).isEqualTo(Duration.ofDays(7));
    assertThat(slo.target()).isEqualTo(0.995);
    assertThat(slo.timeSliceTarget()).isEqualTo(0.9);
    assertThat(slo.timeSliceWindow()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void healthAndPipelineIndicatorsHaveNoThreshold() {
    String health = "{metricSource: {type: kratix, spec: {promise: postgres, sli: health}}}";
    Slo slo = parse(INLINE.replace(SOURCE, health));
    assertThat(slo.indicator().source()).isEqualTo(new KratixMetricSource("postgres", Sli.Kind.HEALTH, null));
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        bad("apiVersion: openslo/v1", "apiVersion: openslo/v1alpha", "apiVersion: must be openslo/v1, got 'openslo/v1alpha'"),
        bad("name: postgres-provisioning,", "name: Postgres_Provisioning,", "metadata.name: must be at most 63 lowercase"),
        bad("target: 0.999", "target: 1.5", "spec.objectives[0].target: must be between 0 and 1 (exclusive), got 1.5"),
        bad("target: 0.999", "target: 1", "spec.objectives[0].target: must be between 0 and 1 (exclusive), got 1"),
        bad("target: 0.999", "target: '0.99'", "spec.objectives[0].target: must be between 0 and 1 (exclusive), got \"0.99\""),
        bad("target: 0.999", "op: lte", "spec.objectives[0].op: is not supported: kratix events are good or bad already"),
        bad("    - displayName: good\n      target: 0.999\n", "    - {target: 0.99}\n    - {target: 0.9}\n",
            "spec.objectives: must list exactly one objective"),
        bad("budgetingMethod: Occurrences", "budgetingMethod: Occurences",
            "spec.budgetingMethod: must be Occurrences or Timeslices, got 'Occurences'"),
        bad("budgetingMethod: Occurrences", "budgetingMethod: RatioTimeslices",
            "spec.budgetingMethod: RatioTimeslices is not supported: use Occurrences or Timeslices"),
        bad("budgetingMethod: Occurrences", "budgetingMethod: Timeslices",
            "spec.objectives[0].timeSliceTarget: is required"),
        bad("target: 0.999", "target: 0.999\n      timeSliceWindow: 1m",
            "spec.objectives[0].timeSliceWindow: applies to budgetingMethod Timeslices only"),
        bad("duration: 28d", "duration: 28 days", "spec.timeWindow[0].duration: must be a duration such as 28d, 1h, 5m or 1m30s, got '28 days'"),
        bad("duration: 28d", "duration: 1M", "spec.timeWindow[0].duration: calendar units (M, Q, Y) need a calendar-aligned window"),
        bad("duration: 28d", "duration: 365d", "spec.timeWindow[0].duration: must be between 1h and 90d, got '365d'"),
        bad("duration: 28d", "duration: 0m", "spec.timeWindow[0].duration: must be longer than zero, got '0m'"),
        bad("isRolling: true", "isRolling: false", "spec.timeWindow[0].isRolling: must be true: only rolling windows are supported"),
        bad("sli: provisioning, within: 10m}}}\n        total",
            "sli: latency}}}\n        total", "spec.indicator.spec.ratioMetric.good.metricSource.spec.sli: must be provisioning, health or pipeline, got 'latency'"),
        bad("{promise: postgres, sli: provisioning, within: 10m}}}\n  timeWindow",
            "{sli: provisioning}}}\n  timeWindow", "spec.indicator.spec.ratioMetric.total.metricSource.spec.promise: is required"),
        bad("within: 10m}}}\n  timeWindow", "within: soon}}}\n  timeWindow",
            "spec.indicator.spec.ratioMetric.total.metricSource.spec.within: must be a duration such as 28d, 1h, 5m or 1m30s, got 'soon'"),
        bad("promise: postgres, sli: provisioning, within: 10m}}}\n  timeWindow",
            "promise: redis, sli: provisioning}}}\n  timeWindow",
            "spec.indicator.spec.ratioMetric.total.metricSource.spec: must name the same promise and sli as good (postgres, provisioning)"),
        bad("{metricSource: {type: kratix, spec: {promise: postgres, sli: provisioning, within: 10m}}}\n        total",
            "{metricSource: {type: prometheus, spec: {query: up}}}\n        total",
            "spec.indicator.spec.ratioMetric.good.metricSource.type: must be kratix, got 'prometheus'"),
        bad("      ratioMetric:", "      thresholdMetric: {metricSource: {type: kratix}}\n      ratioMetric:",
            "spec.indicator.spec.thresholdMetric: is not supported: kratix events are good or bad already"),
        bad("        good: ", "        bad: " + SOURCE + "\n        good: ",
            "spec.indicator.spec.ratioMetric: must have exactly one of good and bad"),
        bad("  service: postgres", "  servce: postgres", "spec.servce: unknown field \"servce\""),
        bad("  service: postgres", "  indicatorRef: other", "spec.indicatorRef: give indicator or indicatorRef, not both"));
  }

  private static Arguments bad(String from, String to, String message) {
    if (!INLINE.contains(from)) throw new IllegalArgumentException("the sample has no '" + from + "'");
    return Arguments.of(INLINE.replace(from, to), message);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badDocuments")
  void aBadDocumentIsRefused_namingTheField(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InvalidDocumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void anUnknownIndicatorRefIsNamed() {
    ObjectNode doc = KratixYaml.parseOne(INLINE);
    ((ObjectNode) doc.get("spec")).remove("indicator");
    ((ObjectNode) doc.get("spec")).put("indicatorRef", "nope");
    assertThatThrownBy(() -> Slo.parse(doc, Map.of())).isInstanceOf(InvalidDocumentException.class)
        .hasMessage("spec.indicatorRef: no SLI named 'nope'")
        .extracting(e -> ((InvalidDocumentException) e).field()).isEqualTo("spec.indicatorRef");
  }

  @Test
  void aTimeSliceMustDivideTheWindow() {
    String yaml = INLINE.replace("budgetingMethod: Occurrences", "budgetingMethod: Timeslices")
        .replace("target: 0.999", "target: 0.99\n      timeSliceTarget: 0.95\n      timeSliceWindow: 11m");
    assertThatThrownBy(() -> parse(yaml)).hasMessage(
        "spec.objectives[0].timeSliceWindow: must divide the time window evenly, got '11m'");
  }
}

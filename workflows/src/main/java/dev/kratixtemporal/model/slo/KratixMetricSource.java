package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A metric source of {@code type: kratix}: the events come from our own workflows, not from a metrics backend
 * (docs/slos.md). {@code within} is set for provisioning only: a request is good when it reached Reconciled within it;
 * so is {@code canary}, the synthetic requests the SLO asks for (null: none).
 */
public record KratixMetricSource(String promise, Sli.Kind sli, Duration within, Canary canary) {
  public static final String TYPE = "kratix";
  public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(5);

  public KratixMetricSource(String promise, Sli.Kind sli, Duration within) {
    this(promise, sli, within, null);
  }

  static KratixMetricSource parse(JsonNode metricSource, String path) {
    Fields.object(metricSource, path);
    Fields.onlyKnown(metricSource, path, Set.of("type", "spec"),
        Map.of("metricSourceRef", "kratix sources are written inline, with type and spec"));
    String type = metricSource.path("type").asText("");
    if (!TYPE.equals(type)) {
      throw new InvalidDocumentException(path + ".type", "must be " + TYPE + ", got '" + type + "'");
    }
    String at = path + ".spec";
    JsonNode spec = Fields.object(metricSource.get("spec"), at);
    Fields.onlyKnown(spec, at, Set.of("promise", "sli", "within", "canary"), Map.of());
    String promise = Fields.name(spec.get("promise"), at + ".promise");
    String sliText = Fields.text(spec.get("sli"), at + ".sli");
    Sli.Kind sli = Sli.Kind.of(sliText);
    if (sli == null) {
      throw new InvalidDocumentException(at + ".sli", "must be provisioning, health or pipeline, got '" + sliText + "'");
    }
    Duration within = null;
    if (!Fields.absent(spec.get("within"))) {
      if (sli != Sli.Kind.PROVISIONING) {
        throw new InvalidDocumentException(at + ".within", "applies to the provisioning sli only, not " + sli.text());
      }
      within = SloDuration.parse(spec.get("within").asText(), at + ".within");
    }
    Canary canary = null;
    if (!Fields.absent(spec.get("canary"))) {
      if (sli != Sli.Kind.PROVISIONING) {
        throw new InvalidDocumentException(at + ".canary", "applies to the provisioning sli only, not " + sli.text());
      }
      canary = Canary.parse(spec.get("canary"), at + ".canary");
    }
    return new KratixMetricSource(promise, sli, within, canary);
  }

  /** The threshold of a provisioning indicator: as written, or 5m. */
  public Duration withinOrDefault() {
    return within == null ? DEFAULT_WITHIN : within;
  }
}

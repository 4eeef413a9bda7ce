package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An OpenSLO v1 indicator ({@code kind: SLI}, or inline in an SLO's {@code spec.indicator}) whose events come from a
 * kratix metric source. Its {@code ratioMetric} names the source for the good (or bad) events and for the total;
 * both must be the same kratix source, since each observation is one event that is either good or bad.
 */
public record Sli(String name, KratixMetricSource source) {

  /** What the events of a kratix source are (docs/slos.md). */
  public enum Kind {
    /** A request (or a synthetic canary request) reached Reconciled within the threshold. */
    PROVISIONING,
    /** A health check run reported healthy. */
    HEALTH,
    /** A pipeline run succeeded. */
    PIPELINE;

    public String text() {
      return name().toLowerCase();
    }

    /** @return the kind written as text, or null */
    public static Kind of(String text) {
      for (Kind k : values()) if (k.text().equals(text)) return k;
      return null;
    }
  }

  /** A {@code kind: SLI} document. */
  public static Sli parse(JsonNode doc) {
    Fields.header(doc, "SLI");
    Fields.object(doc.get("metadata"), "metadata");
    String name = Fields.name(doc.path("metadata").get("name"), "metadata.name");
    return new Sli(name, parseSpec(doc.get("spec"), "spec"));
  }

  /** An SLO's inline indicator: metadata and spec, as in an SLI document. */
  static Sli parseInline(JsonNode indicator, String path) {
    Fields.object(indicator, path);
    Fields.onlyKnown(indicator, path, Set.of("metadata", "spec"), Map.of());
    String name = Fields.absent(indicator.path("metadata").get("name")) ? ""
        : Fields.name(indicator.path("metadata").get("name"), path + ".metadata.name");
    return new Sli(name, parseSpec(indicator.get("spec"), path + ".spec"));
  }

  private static KratixMetricSource parseSpec(JsonNode spec, String path) {
    Fields.object(spec, path);
    Fields.onlyKnown(spec, path, Set.of("description", "ratioMetric"), Map.of("thresholdMetric",
        "kratix events are good or bad already: use ratioMetric with good (or bad) and total"));
    String at = path + ".ratioMetric";
    JsonNode ratio = Fields.object(spec.get("ratioMetric"), at);
    Fields.onlyKnown(ratio, at, Set.of("counter", "good", "bad", "total"),
        Map.of("raw", "kratix sources count events: use good (or bad) and total",
            "rawType", "kratix sources count events: use good (or bad) and total"));
    boolean good = !Fields.absent(ratio.get("good"));
    boolean bad = !Fields.absent(ratio.get("bad"));
    if (good == bad) throw new InvalidDocumentException(at, "must have exactly one of good and bad");
    String part = good ? "good" : "bad";
    KratixMetricSource counted = metricSource(ratio.get(part), at + "." + part);
    KratixMetricSource total = metricSource(ratio.get("total"), at + ".total");
    if (!counted.promise().equals(total.promise()) || counted.sli() != total.sli()) {
      throw new InvalidDocumentException(at + ".total.metricSource.spec",
          "must name the same promise and sli as " + part + " (" + counted.promise() + ", " + counted.sli().text() + ")");
    }
    if (counted.within() != null && total.within() != null && !counted.within().equals(total.within())) {
      throw new InvalidDocumentException(at + ".total.metricSource.spec.within", "differs from " + part + "'s within");
    }
    var within = Objects.requireNonNullElse(counted.within(), total.within() == null ? KratixMetricSource.DEFAULT_WITHIN
        : total.within());
    if (counted.canary() != null && total.canary() != null && !counted.canary().equals(total.canary())) {
      throw new InvalidDocumentException(at + ".total.metricSource.spec.canary", "differs from " + part + "'s canary");
    }
    Canary canary = counted.canary() != null ? counted.canary() : total.canary();
    if (canary != null) {
      String side = counted.canary() != null ? part : "total";
      canary.checkTimeout(within, at + "." + side + ".metricSource.spec.canary");
    }
    return new KratixMetricSource(counted.promise(), counted.sli(), counted.sli() == Kind.PROVISIONING ? within : null,
        canary);
  }

  private static KratixMetricSource metricSource(JsonNode part, String path) {
    Fields.object(part, path);
    Fields.onlyKnown(part, path, Set.of("metricSource"), Map.of());
    return KratixMetricSource.parse(part.get("metricSource"), path + ".metricSource");
  }
}

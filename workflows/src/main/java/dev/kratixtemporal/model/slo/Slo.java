package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.slo.SloPolicy;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An OpenSLO v1 {@code kind: SLO} over a kratix indicator: one rolling window, one objective. What is read, what is
 * left aside and why is in docs/slos.md; every error names the field.
 *
 * @param timeSliceTarget for Timeslices: the good ratio a slice needs to count as good (0 for Occurrences)
 * @param timeSliceWindow for Timeslices: the length of a slice (null for Occurrences)
 */
public record Slo(String name, String description, Sli indicator, Duration window, BudgetingMethod budgetingMethod,
    double target, double timeSliceTarget, Duration timeSliceWindow) {

  /** The shortest and longest rolling windows: the event window keeps its state small between these (docs/slos.md). */
  public static final Duration MIN_WINDOW = Duration.ofHours(1);
  public static final Duration MAX_WINDOW = Duration.ofDays(90);
  /** Slices are closed from the one-minute buckets of the last hour. */
  public static final Duration MAX_TIME_SLICE = Duration.ofHours(1);

  private static final Set<String> SPEC = Set.of("description", "service", "indicator", "indicatorRef", "timeWindow",
      "budgetingMethod", "objectives");
  private static final Set<String> OBJECTIVE = Set.of("displayName", "target", "targetPercent", "timeSliceTarget",
      "timeSliceWindow");
  private static final String NO_THRESHOLD = "kratix events are good or bad already, there is no value to compare";

  /**
   * @param indicators the SLI documents an {@code indicatorRef} may name, by name (empty when there are none)
   */
  public static Slo parse(JsonNode doc, Map<String, Sli> indicators) {
    Fields.header(doc, "SLO");
    Fields.object(doc.get("metadata"), "metadata");
    String name = Fields.name(doc.path("metadata").get("name"), "metadata.name");
    JsonNode spec = Fields.object(doc.get("spec"), "spec");
    Fields.onlyKnown(spec, "spec", SPEC, Map.of("alertPolicies",
        "the alert state comes from the multi-window burn-rate rules (docs/slos.md)"));
    Sli indicator = indicator(spec, indicators);
    Duration window = timeWindow(spec.get("timeWindow"));
    BudgetingMethod method = budgetingMethod(spec.get("budgetingMethod"));

    JsonNode objectives = spec.get("objectives");
    if (Fields.absent(objectives)) throw new InvalidDocumentException("spec.objectives", "is required");
    if (!objectives.isArray() || objectives.size() != 1) {
      throw new InvalidDocumentException("spec.objectives", "must list exactly one objective");
    }
    String at = "spec.objectives[0]";
    JsonNode objective = Fields.object(objectives.get(0), at);
    Fields.onlyKnown(objective, at, OBJECTIVE, Map.of("op", NO_THRESHOLD, "value", NO_THRESHOLD,
        "indicator", "the SLO's indicator counts for its objective", "indicatorRef",
        "the SLO's indicator counts for its objective", "compositeWeight", "composite SLOs are not supported"));
    double target = target(objective, at);
    double sliceTarget = 0;
    Duration slice = null;
    if (method == BudgetingMethod.Timeslices) {
      sliceTarget = fraction(objective.get("timeSliceTarget"), at + ".timeSliceTarget", true);
      slice = timeSlice(objective.get("timeSliceWindow"), at + ".timeSliceWindow", window);
    } else {
      for (String f : new String[] {"timeSliceTarget", "timeSliceWindow"}) {
        if (!Fields.absent(objective.get(f))) {
          throw new InvalidDocumentException(at + "." + f, "applies to budgetingMethod Timeslices only");
        }
      }
    }
    return new Slo(name, spec.path("description").asText(""), indicator, window, method, target, sliceTarget, slice);
  }

  /** The numbers the SLO's ledger needs. */
  public SloPolicy policy() {
    return new SloPolicy(window.toMillis(), target, timeSliceWindow == null ? 0 : timeSliceWindow.toMillis(),
        timeSliceTarget);
  }

  private static Sli indicator(JsonNode spec, Map<String, Sli> indicators) {
    boolean inline = !Fields.absent(spec.get("indicator"));
    boolean ref = !Fields.absent(spec.get("indicatorRef"));
    if (inline && ref) throw new InvalidDocumentException("spec.indicatorRef", "give indicator or indicatorRef, not both");
    if (inline) return Sli.parseInline(spec.get("indicator"), "spec.indicator");
    if (!ref) throw new InvalidDocumentException("spec.indicator", "is required (or spec.indicatorRef, naming an SLI)");
    String name = Fields.text(spec.get("indicatorRef"), "spec.indicatorRef");
    Sli sli = indicators.get(name);
    if (sli == null) throw new InvalidDocumentException("spec.indicatorRef", "no SLI named '" + name + "'");
    return sli;
  }

  private static Duration timeWindow(JsonNode list) {
    String path = "spec.timeWindow";
    if (Fields.absent(list)) throw new InvalidDocumentException(path, "is required");
    if (!list.isArray() || list.size() != 1) throw new InvalidDocumentException(path, "must list exactly one window");
    String at = path + "[0]";
    JsonNode w = Fields.object(list.get(0), at);
    Fields.onlyKnown(w, at, Set.of("duration", "isRolling"), Map.of("calendar",
        "calendar-aligned windows are not supported: use isRolling: true"));
    if (!w.path("isRolling").asBoolean(false)) {
      throw new InvalidDocumentException(at + ".isRolling", "must be true: only rolling windows are supported");
    }
    Duration d = SloDuration.parse(w.path("duration").asText(""), at + ".duration");
    if (d.compareTo(MIN_WINDOW) < 0 || d.compareTo(MAX_WINDOW) > 0) {
      throw new InvalidDocumentException(at + ".duration", "must be between 1h and 90d, got '" + w.path("duration").asText() + "'");
    }
    if (d.toMillis() % 60_000 != 0) {
      throw new InvalidDocumentException(at + ".duration", "must be a whole number of minutes");
    }
    return d;
  }

  private static BudgetingMethod budgetingMethod(JsonNode node) {
    String path = "spec.budgetingMethod";
    String text = Fields.text(node, path);
    if (text.equals("RatioTimeslices")) {
      throw new InvalidDocumentException(path, "RatioTimeslices is not supported: use Occurrences or Timeslices");
    }
    for (BudgetingMethod m : BudgetingMethod.values()) if (m.name().equals(text)) return m;
    throw new InvalidDocumentException(path, "must be Occurrences or Timeslices, got '" + text + "'");
  }

  /** target, or targetPercent (OpenSLO allows either): a fraction strictly between 0 and 1. */
  private static double target(JsonNode objective, String at) {
    boolean fraction = !Fields.absent(objective.get("target"));
    boolean percent = !Fields.absent(objective.get("targetPercent"));
    if (fraction && percent) throw new InvalidDocumentException(at + ".targetPercent", "give target or targetPercent, not both");
    if (percent) {
      JsonNode p = objective.get("targetPercent");
      if (!p.isNumber() || p.asDouble() <= 0 || p.asDouble() >= 100) {
        throw new InvalidDocumentException(at + ".targetPercent", "must be between 0 and 100 (exclusive), got " + p);
      }
      return p.asDouble() / 100;
    }
    if (!fraction) throw new InvalidDocumentException(at + ".target", "is required (or targetPercent)");
    return fraction(objective.get("target"), at + ".target", false);
  }

  private static double fraction(JsonNode node, String path, boolean oneAllowed) {
    if (Fields.absent(node)) throw new InvalidDocumentException(path, "is required");
    double v = node.asDouble();
    if (!node.isNumber() || v <= 0 || v > 1 || (!oneAllowed && v == 1)) {
      throw new InvalidDocumentException(path, oneAllowed ? "must be above 0 and at most 1, got " + node
          : "must be between 0 and 1 (exclusive), got " + node);
    }
    return v;
  }

  private static Duration timeSlice(JsonNode node, String path, Duration window) {
    Duration d = SloDuration.parse(Fields.absent(node) ? null : node.asText(), path);
    if (d.toMillis() % 60_000 != 0 || d.compareTo(MAX_TIME_SLICE) > 0) {
      throw new InvalidDocumentException(path, "must be a whole number of minutes, at most 1h, got '" + node.asText() + "'");
    }
    if (window.toMillis() % d.toMillis() != 0) {
      throw new InvalidDocumentException(path, "must divide the time window evenly, got '" + node.asText() + "'");
    }
    return d;
  }
}

package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.Slo;
import java.util.Map;
import java.util.function.Predicate;

/**
 * OpenSLO documents (docs/slos.md): their fields as model/slo judges them, and beyond that the Promise their kratix
 * source counts events of, which must exist (in the platform or in the same file).
 */
final class OpenSloCheck {
  static final String API_VERSION = "openslo/v1";

  private OpenSloCheck() {}

  static boolean is(JsonNode doc) {
    return API_VERSION.equals(Docs.apiVersion(doc));
  }

  static Sli sli(JsonNode doc, Predicate<String> promiseExists) {
    Sli sli = Sli.parse(doc);
    String promise = sli.source().promise();
    if (!promiseExists.test(promise)) {
      throw new InvalidDocumentException(sourceField(doc.path("spec"), "spec"), "no Promise named '" + promise + "'");
    }
    return sli;
  }

  /** @param indicators the SLIs an indicatorRef may name: applied ones and those of the same file */
  static Slo slo(JsonNode doc, Map<String, Sli> indicators, Predicate<String> promiseExists) {
    Slo slo = Slo.parse(doc, indicators);
    String promise = slo.indicator().source().promise();
    if (promiseExists.test(promise)) return slo;
    JsonNode spec = doc.path("spec");
    if (spec.has("indicatorRef")) {
      throw new InvalidDocumentException("spec.indicatorRef", "SLI '" + slo.indicator().name() + "' counts events of "
          + "Promise '" + promise + "' (its " + sourceField(null, "spec") + "), and there is no Promise of that name");
    }
    throw new InvalidDocumentException(sourceField(spec.path("indicator").path("spec"), "spec.indicator.spec"),
        "no Promise named '" + promise + "'");
  }

  /** Where an indicator names its Promise: under good (or bad, when it counts those). */
  private static String sourceField(JsonNode indicatorSpec, String at) {
    String part = indicatorSpec != null && indicatorSpec.path("ratioMetric").has("bad") ? "bad" : "good";
    return at + ".ratioMetric." + part + ".metricSource.spec.promise";
  }
}

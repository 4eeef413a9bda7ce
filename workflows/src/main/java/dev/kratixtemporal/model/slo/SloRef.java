package dev.kratixtemporal.model.slo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Promise and its requests know of one SLO of the Promise: where its events go ({@code slo/<name>}), which
 * events it counts, and for provisioning its threshold (docs/slos.md, "Where the events come from").
 *
 * @param sli provisioning, health or pipeline
 * @param withinMillis provisioning only: a request is good when Reconciled within it; 0 for the others
 */
public record SloRef(String name, String sli, long withinMillis) {
  public static SloRef of(Slo slo) {
    KratixMetricSource source = slo.indicator().source();
    long within = source.sli() == Sli.Kind.PROVISIONING ? source.withinOrDefault().toMillis() : 0;
    return new SloRef(slo.name(), source.sli().text(), within);
  }

  public boolean counts(Sli.Kind kind) {
    return kind.text().equals(sli);
  }

  /** How a Promise's status.slos[] shows the threshold: whole minutes as {@code 10m}, else seconds. */
  public String withinText() {
    Duration d = Duration.ofMillis(withinMillis);
    return d.toSecondsPart() == 0 && d.toMillisPart() == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  /** The refs a Promise's status shows (status.slos[]): how a request that starts learns its Promise's SLOs. */
  public static List<SloRef> listFrom(JsonNode promiseStatus) {
    List<SloRef> refs = new ArrayList<>();
    for (JsonNode e : promiseStatus.path("slos")) {
      long within = e.hasNonNull("within") ? SloDuration.parse(e.get("within").asText(), "within").toMillis() : 0;
      refs.add(new SloRef(e.path("name").asText(), e.path("sli").asText(), within));
    }
    return refs;
  }
}

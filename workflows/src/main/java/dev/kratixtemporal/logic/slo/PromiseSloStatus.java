package dev.kratixtemporal.logic.slo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Promise's status.slos[] and its ServiceLevelObjectivesMet condition from the reports of its SLOs (docs/slos.md,
 * "On the Promise"). No SLO: neither is shown.
 */
public final class PromiseSloStatus {
  public static final String CONDITION = "ServiceLevelObjectivesMet";

  private PromiseSloStatus() {}

  public static void apply(ObjectNode status, Collection<SloReport> reports, String now) {
    if (reports.isEmpty()) {
      status.remove("slos");
      Conditions.remove(status, CONDITION);
      return;
    }
    List<SloReport> sorted = reports.stream().sorted(Comparator.comparing(r -> r.slo().name())).toList();
    ArrayNode list = status.putArray("slos");
    for (SloReport r : sorted) {
      ObjectNode e = list.addObject().put("name", r.slo().name()).put("sli", r.slo().sli());
      if (r.slo().withinMillis() > 0) e.put("within", r.slo().withinText());
      e.put("alertState", r.alertState().name().toLowerCase());
      if (r.alertSince() >= 0) {
        e.put("alertSince", Instant.ofEpochMilli(r.alertSince()).truncatedTo(ChronoUnit.SECONDS).toString());
      }
    }
    List<SloReport> burning = sorted.stream().filter(r -> r.alertState() != AlertState.OK).toList();
    if (burning.isEmpty()) {
      Conditions.set(status, CONDITION, "True", "AllObjectivesMet", "All service level objectives are met", now);
    } else {
      Conditions.set(status, CONDITION, "False", "ErrorBudgetBurning", "Error budget burning: " + burning.stream()
          .map(r -> r.slo().name() + " (" + r.alertState().name().toLowerCase() + ")").collect(Collectors.joining(", ")),
          now);
    }
  }
}

package dev.kratixtemporal.logic.slo;

import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.model.slo.SloRef;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A request's provisioning measurement (docs/slos.md, "Where the events come from"): from the moment a new
 * generation was applied to the moment it is Reconciled, one event per provisioning SLO: good when within the SLO's
 * threshold; bad at the threshold when not Reconciled by then, and not again when it is later. A generation applied
 * before the previous one was measured replaces it. Public fields: it is part of the request's workflow state.
 */
public class ProvisioningWatch {
  /** The generation being measured; 0 when none. */
  public long generation;
  /** Workflow time it was applied at. */
  public long appliedAt;
  /** The provisioning SLOs that have counted it already. */
  public TreeSet<String> counted = new TreeSet<>();

  /** One event for one SLO. */
  public record Event(String slo, long at, boolean good) {}

  public void applied(long generation, long at) {
    this.generation = generation;
    this.appliedAt = at;
    counted.clear();
  }

  /** Bad events of the SLOs whose threshold passed before the generation was Reconciled. */
  public List<Event> overdue(List<SloRef> slos, long now) {
    List<Event> events = new ArrayList<>();
    if (generation == 0) return events;
    for (SloRef s : provisioning(slos)) {
      long deadline = appliedAt + s.withinMillis();
      if (deadline <= now && counted.add(s.name())) events.add(new Event(s.name(), deadline, false));
    }
    return events;
  }

  /** The generation (or a later one) is Reconciled now: an event for every SLO that has not counted it. */
  public List<Event> reconciled(long observedGeneration, List<SloRef> slos, long now) {
    List<Event> events = new ArrayList<>();
    if (generation == 0 || observedGeneration < generation) return events;
    for (SloRef s : provisioning(slos)) {
      if (counted.add(s.name())) events.add(new Event(s.name(), now, now - appliedAt <= s.withinMillis()));
    }
    generation = 0;
    counted.clear();
    return events;
  }

  /** When the next threshold passes, for the timer; 0 when none is pending. */
  public long nextDeadline(List<SloRef> slos) {
    if (generation == 0) return 0;
    return provisioning(slos).stream().filter(s -> !counted.contains(s.name()))
        .mapToLong(s -> appliedAt + s.withinMillis()).min().orElse(0);
  }

  private static List<SloRef> provisioning(List<SloRef> slos) {
    return slos == null ? List.of() : slos.stream().filter(s -> s.counts(Sli.Kind.PROVISIONING)).toList();
  }
}

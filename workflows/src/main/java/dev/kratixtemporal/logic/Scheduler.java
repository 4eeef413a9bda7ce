package dev.kratixtemporal.logic;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.SourcedSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Destination matching as Kratix's scheduler does it (Kratix docs: Selector resolution per workload group). */
public final class Scheduler {
  private static final List<String> PRIORITY = List.of(SourcedSelector.RESOURCE_WORKFLOW,
      SourcedSelector.PROMISE_WORKFLOW, SourcedSelector.PROMISE);

  private Scheduler() {}

  /** Merges selectors lowest priority first, so the Promise's own selectors win conflicts. */
  public static Map<String, String> merge(List<SourcedSelector> selectors) {
    Map<String, String> merged = new HashMap<>();
    for (String source : PRIORITY) {
      for (SourcedSelector s : selectors) {
        if (source.equals(s.source())) merged.putAll(s.matchLabels());
      }
    }
    return merged;
  }

  public static boolean matches(Destination destination, Map<String, String> selector) {
    if (selector.isEmpty()) return !(destination.strictMatchLabels() && !destination.labels().isEmpty());
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(destination.labels().get(e.getKey()))) return false;
    }
    return true;
  }

  /** Destinations matching a group's selectors, in name order so that the choice is reproducible. */
  public static List<Destination> candidates(List<Destination> destinations, List<SourcedSelector> selectors) {
    Map<String, String> selector = merge(selectors);
    return destinations.stream().filter(d -> matches(d, selector))
        .sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }
}

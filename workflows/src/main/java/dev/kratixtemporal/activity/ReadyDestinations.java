package dev.kratixtemporal.activity;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The Destinations work can be placed on now (Ready, with a Ready store), as the Platform workflow last computed
 * them. The version grows by one with every change, so a workflow that receives snapshots out of order keeps the
 * newest (see docs/architecture.md, "Changes that carry data").
 */
public record ReadyDestinations(long version, List<DestinationState> destinations) {
  public static final ReadyDestinations NONE = new ReadyDestinations(0, List.of());

  public boolean newerThan(ReadyDestinations other) {
    return other == null || version > other.version;
  }

  /** Whether any of the named Destinations appeared, went, or changed (labels, path, store) between the two. */
  public boolean differsFor(ReadyDestinations other, Collection<String> names) {
    for (String name : names) {
      if (!Objects.equals(find(name), other == null ? null : other.find(name))) return true;
    }
    return false;
  }

  public DestinationState find(String name) {
    for (DestinationState d : destinations) if (d.destination().name().equals(name)) return d;
    return null;
  }
}

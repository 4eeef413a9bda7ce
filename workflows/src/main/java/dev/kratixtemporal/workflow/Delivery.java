package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.activity.StateStoreActivities;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.DestinationLayout;
import dev.kratixtemporal.logic.Scheduler;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Schedules a Work's groups onto Destinations and writes them (Kratix's scheduler and WorkPlacement controller).
 * Resource placements are sticky; dependency placements fan out to every match and are never moved.
 */
final class Delivery {
  private final ObjectState state;
  private final StateStoreActivities stores = Stubs.stores();
  private final Random random = Workflow.newRandom();
  /** Writes the store refused for good since the last {@link #takeRefusals()} (an unsafe path): what they said. */
  private final List<String> refusals = new ArrayList<>();

  Delivery(ObjectState state) {
    this.state = state;
  }

  /** Whether this workflow works from the Platform's ready-Destination snapshots (else it queries every time). */
  static boolean snapshots() {
    return Workflow.getVersion(PlatformWorkflowImpl.SNAPSHOTS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** The ready Destinations as this workflow last heard of them; read from the Platform only the first time. */
  List<DestinationState> destinations() {
    if (!snapshots()) return Stubs.catalog().readyDestinations();
    if (state.destinations == null) state.destinations = Stubs.catalog().destinations();
    return state.destinations.destinations();
  }

  /** The ready Destinations read from the Platform now: a delete must not act on an old snapshot. */
  List<DestinationState> freshDestinations() {
    if (!snapshots()) return Stubs.catalog().readyDestinations();
    adopt(Stubs.catalog().destinations());
    return state.destinations.destinations();
  }

  /**
   * Keeps a snapshot when it is newer than the one held.
   *
   * @return whether it changes anything for this object's works: a group not placed yet, or a Destination
   *     holding one of its placements that appeared, went or changed
   */
  boolean adopt(ReadyDestinations snapshot) {
    if (!snapshot.newerThan(state.destinations)) return false;
    ReadyDestinations before = state.destinations;
    state.destinations = snapshot;
    if (state.works.isEmpty()) return false;
    Set<String> placedOn = state.placements.values().stream().map(Placement::destination).collect(Collectors.toSet());
    boolean unplaced = state.works.values().stream().flatMap(w -> w.groups().stream().map(g -> w.name() + "/" + g.id()))
        .anyMatch(key -> state.placements.values().stream().noneMatch(p -> key.equals(p.workName() + "/" + p.groupId())));
    return unplaced || snapshot.differsFor(before, placedOn);
  }

  /**
   * Places every group of the work and writes what is new (or everything, when rewrite is set).
   *
   * @return ids of the groups no Destination matches
   */
  List<String> deliver(Work work, List<DestinationState> destinations, boolean rewrite) {
    Map<String, DestinationState> byName = destinations.stream()
        .collect(Collectors.toMap(d -> d.destination().name(), d -> d, (a, b) -> a, LinkedHashMap::new));
    List<Destination> all = destinations.stream().map(DestinationState::destination).toList();
    List<String> unscheduled = new ArrayList<>();
    for (WorkloadGroup group : work.groups()) {
      Set<String> matching = Scheduler.candidates(all, group.selectors()).stream().map(Destination::name)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
      List<Placement> existing = placementsOf(work.name(), group.id());
      List<String> targets = new ArrayList<>();
      for (Placement p : existing) {
        if (byName.containsKey(p.destination())) targets.add(p.destination());
      }
      if (work.isDependency()) {
        for (String m : matching) if (!targets.contains(m)) targets.add(m);
      } else if (targets.isEmpty() && !matching.isEmpty()) {
        List<String> choices = new ArrayList<>(matching);
        targets.add(choices.get(random.nextInt(choices.size())));
      }
      if (targets.isEmpty() && existing.isEmpty()) {
        unscheduled.add(group.id());
        continue;
      }
      for (String target : targets) {
        String name = StatePaths.placementName(work.name(), target, group.id());
        Placement p = state.placements.getOrDefault(name, new Placement(name, work.name(), group.id(), target, false, null))
            .withMisplaced(!matching.contains(target));
        if (rewrite || p.written() == null) p = p.withWritten(write(byName.get(target), work, group, name));
        state.placements.put(name, p);
      }
    }
    removeStaleGroups(work, byName);
    return unscheduled;
  }

  /** Deletes every placement of a work from its store. */
  void remove(Work work, List<DestinationState> destinations) {
    Map<String, DestinationState> byName = destinations.stream()
        .collect(Collectors.toMap(d -> d.destination().name(), d -> d, (a, b) -> a));
    for (Placement p : List.copyOf(state.placements.values())) {
      if (p.workName().equals(work.name())) delete(p, work, byName);
    }
  }

  private void removeStaleGroups(Work work, Map<String, DestinationState> byName) {
    Set<String> ids = work.groups().stream().map(WorkloadGroup::id).collect(Collectors.toSet());
    for (Placement p : List.copyOf(state.placements.values())) {
      if (p.workName().equals(work.name()) && !ids.contains(p.groupId())) delete(p, work, byName);
    }
  }

  private void delete(Placement p, Work work, Map<String, DestinationState> byName) {
    DestinationState d = byName.get(p.destination());
    if (d != null) {
      WorkloadGroup group = new WorkloadGroup(p.groupId(), null, List.of(), List.of());
      refusable(() -> stores.writeState(change(d, work, group, p.name(), List.of(), "Delete from: " + p.name())));
    }
    state.placements.remove(p.name());
  }

  /** The commit written, or null when the store refused the write (it is tried again on the next delivery). */
  private String write(DestinationState d, Work work, WorkloadGroup group, String placementName) {
    return refusable(() -> stores.writeState(change(d, work, group, placementName, group.files(),
        "Update from: " + placementName)));
  }

  /**
   * Runs a write; a refusal that retrying cannot fix (a path outside the store, under .git, through a link) is
   * kept for the status instead of failing the whole workflow. Other failures are retried by the activity.
   */
  private String refusable(java.util.function.Supplier<String> write) {
    try {
      return write.get();
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof ApplicationFailure af) || !af.isNonRetryable()) throw e;
      if (!refusals.contains(af.getOriginalMessage())) refusals.add(af.getOriginalMessage());
      return null;
    }
  }

  /** The refusals since the last call, and forgets them. */
  List<String> takeRefusals() {
    List<String> out = List.copyOf(refusals);
    refusals.clear();
    return out;
  }

  /** A placement's files as the Destination's layout puts them (one home: {@link DestinationLayout}). */
  private static StoreChange change(DestinationState d, Work work, WorkloadGroup group, String placementName,
      List<FileRef> files, String message) {
    return DestinationLayout.of(d.destination()).place(d.store(), work, group, placementName, files, message);
  }

  private List<Placement> placementsOf(String workName, String groupId) {
    return state.placements.values().stream()
        .filter(p -> p.workName().equals(workName) && p.groupId().equals(groupId)).toList();
  }

  /** Placements as the status shows them. */
  static List<Map<String, Object>> describe(ObjectState state) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Placement p : state.placements.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("destination", p.destination());
      m.put("misplaced", p.misplaced());
      if (p.written() != null) m.put("versionID", p.written());
      out.add(m);
    }
    return out;
  }
}

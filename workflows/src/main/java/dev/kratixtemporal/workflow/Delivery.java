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
  private final PipelineWorkflowState state;
  private final StateStoreActivities stores = Stubs.stores();
  private final Random random = Workflow.newRandom();
  /** Writes the store refused for good since the last {@link #takeRefusals()} (an unsafe path): what they said. */
  private final List<String> refusals = new ArrayList<>();
  /** Writes that did not go through since the last {@link #takeFailures()}, by placement. */
  private final Map<String, WriteFailure> failures = new LinkedHashMap<>();
  /** Placements kept because their delete must wait, and what for. */
  private final Map<String, String> waiting = new LinkedHashMap<>();

  /** Failure types of a write refused for good because of its own paths (see the activities' StoreFailures). */
  private static final Set<String> REFUSALS = Set.of("StatePathOutsideStore", "StatePathThroughLink");
  /** A write that failed for a reason in the world, retried until the activity's retries ran out. */
  static final String STORE_WRITE_FAILED = "StoreWriteFailed";
  /** Histories recorded before deletes waited for their Destination replay the old drop. */
  static final String DELETES_WAIT = "deletes-wait-for-destination";

  Delivery(PipelineWorkflowState state) {
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
    // A delete waiting for a Destination looks again at any change (the Destination may be gone, not back).
    if (state.deleteRequested && !state.placements.isEmpty()) return true;
    // Writes that did not go through try again at any change: the cause may be gone (a Secret applied).
    if (state.retryWritesAt > 0) return true;
    if (state.works.isEmpty() && state.retiredWorks.isEmpty()) return false;
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

  /**
   * Deletes every placement of a work from its store. A placement whose Destination (or its store) is not ready,
   * or whose delete did not go through, is kept and tried again later (see {@link #waitingDeletes()}).
   *
   * @return whether every placement of the work is gone
   */
  boolean remove(Work work, List<DestinationState> destinations) {
    Map<String, DestinationState> byName = destinations.stream()
        .collect(Collectors.toMap(d -> d.destination().name(), d -> d, (a, b) -> a));
    boolean all = true;
    for (Placement p : List.copyOf(state.placements.values())) {
      if (p.workName().equals(work.name())) all &= delete(p, work, byName);
    }
    return all;
  }

  /**
   * Removes a work that is no longer the object's (its pipeline or dependencies went away); when some of its
   * placements must wait for their Destination, the work is kept, without its files, until they are gone.
   */
  void retire(Work work, List<DestinationState> destinations) {
    if (!remove(work, destinations)) {
      state.retiredWorks.put(work.name(), new Work(work.name(), work.promiseName(), work.resourceName(),
          work.namespace(), work.pipelineName(), work.groups().stream()
              .map(g -> new WorkloadGroup(g.id(), g.directory(), List.of(), g.selectors())).toList()));
    }
  }

  /** Tries again the deletes of retired works; @return whether none is left. */
  boolean removeRetired(List<DestinationState> destinations) {
    for (Work work : List.copyOf(state.retiredWorks.values())) {
      if (remove(work, destinations)) state.retiredWorks.remove(work.name());
    }
    return state.retiredWorks.isEmpty();
  }

  /**
   * Forgets the placements on a Destination that no longer exists: its files are no longer ours to remove (its
   * own cleanup policy decides what happens to them).
   *
   * @return the placements released
   */
  List<String> release(List<String> registeredDestinations) {
    List<String> released = new ArrayList<>();
    for (Placement p : List.copyOf(state.placements.values())) {
      if (!registeredDestinations.contains(p.destination())) {
        state.placements.remove(p.name());
        released.add(p.name());
        waiting.remove(p.name());
      }
    }
    state.retiredWorks.values().removeIf(w -> state.placements.values().stream().noneMatch(p -> p.workName().equals(w.name())));
    return released;
  }

  private void removeStaleGroups(Work work, Map<String, DestinationState> byName) {
    Set<String> ids = work.groups().stream().map(WorkloadGroup::id).collect(Collectors.toSet());
    for (Placement p : List.copyOf(state.placements.values())) {
      if (p.workName().equals(work.name()) && !ids.contains(p.groupId())) delete(p, work, byName);
    }
  }

  /** @return whether the placement is gone; a placement that must wait is kept, and why is noted. */
  private boolean delete(Placement p, Work work, Map<String, DestinationState> byName) {
    DestinationState d = byName.get(p.destination());
    if (d == null) {
      // Histories recorded before deletes waited dropped the placement, leaving its files in the store.
      if (Workflow.getVersion(DELETES_WAIT, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        state.placements.remove(p.name());
        return true;
      }
      waiting.put(p.name(), "Destination " + p.destination() + " is not ready");
      return false;
    }
    WorkloadGroup group = new WorkloadGroup(p.groupId(), null, List.of(), List.of());
    WriteFailure failure = attempt(d, p.name(), () -> stores.writeState(change(d, work, group, p.name(), List.of(),
        "Delete from: " + p.name())));
    if (failure != null && !failure.refusal()) {
      waiting.put(p.name(), failure.message());
      return false;
    }
    // Deleted, or refused for good (an unsafe path: there is nothing of ours there to remove).
    waiting.remove(p.name());
    state.placements.remove(p.name());
    return true;
  }

  /** The commit written, or null when the write did not go through (it is tried again later). */
  private String write(DestinationState d, Work work, WorkloadGroup group, String placementName) {
    String[] commit = new String[1];
    WriteFailure failure = attempt(d, placementName, () -> commit[0] = stores.writeState(change(d, work, group,
        placementName, group.files(), "Update from: " + placementName)));
    if (failure == null) failures.remove(placementName);
    return failure == null ? commit[0] : null;
  }

  /**
   * Runs a write. A refusal (a path outside the store, under .git, through a link) is kept for the status as it
   * is; any other failure that retrying cannot fix, or that outlasted the retries, is kept for the status naming
   * the Destination, the store and the cause. Neither fails the workflow.
   *
   * @return null when the write went through
   */
  private WriteFailure attempt(DestinationState d, String placement, Runnable write) {
    try {
      write.run();
      return null;
    } catch (ActivityFailure e) {
      ApplicationFailure af = e.getCause() instanceof ApplicationFailure a ? a : null;
      if (af != null && af.isNonRetryable() && REFUSALS.contains(af.getType())) {
        if (!refusals.contains(af.getOriginalMessage())) refusals.add(af.getOriginalMessage());
        return new WriteFailure(placement, af.getType(), af.getOriginalMessage(), true);
      }
      boolean named = af != null && af.isNonRetryable() && af.getType().matches("[A-Z][A-Za-z]+");
      String cause = ConfigureRun.rootMessage(e);
      String message = "Destination " + d.destination().name() + ", " + d.destination().stateStoreRef() + ": " + cause
          + (named ? "" : " (gave up after " + Stubs.STORE_WRITE_ATTEMPTS + " attempts)");
      WriteFailure failure = new WriteFailure(placement, named ? af.getType() : STORE_WRITE_FAILED, message, false);
      failures.put(placement, failure);
      return failure;
    }
  }

  /**
   * A write that did not go through.
   *
   * @param reason the writer's failure type (SecretNotFound, StoreAuthenticationFailed, ...) or StoreWriteFailed
   * @param refusal a path the store refuses for good: the object's own output is at fault, not the world
   */
  record WriteFailure(String placement, String reason, String message, boolean refusal) {}

  /** Write failures since the last call (one per placement, the latest), and forgets them. */
  List<WriteFailure> takeFailures() {
    List<WriteFailure> out = List.copyOf(failures.values());
    failures.clear();
    return out;
  }

  /** Placements whose delete waits, with what for. */
  Map<String, String> waitingDeletes() {
    waiting.keySet().retainAll(state.placements.keySet());
    return new LinkedHashMap<>(waiting);
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
  static List<Map<String, Object>> describe(PipelineWorkflowState state) {
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

package dev.kratixtemporal.api.listing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflows this API process applied in the last {@code window}: visibility indexes a new workflow a moment
 * after it starts, so a list made in that moment adds them. Memory of this process only; a second replica does not
 * share it (docs/architecture.md, "Reads and lists").
 */
public final class RecentApplies {
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> applied = new ConcurrentHashMap<>();

  public RecentApplies(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** An apply of this workflow has just succeeded. */
  public void record(String workflowId) {
    if (window.isZero()) return;
    applied.put(workflowId, clock.instant());
  }

  /** The workflows of the scope applied within the window; older entries are forgotten. */
  public List<String> in(ListScope scope) {
    Instant oldest = clock.instant().minus(window);
    applied.values().removeIf(at -> at.isBefore(oldest));
    return applied.keySet().stream().filter(scope::contains).toList();
  }
}

package dev.kratixtemporal.logic;

import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.model.Promise.RequiredPromise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The state of each of a Promise's requiredPromises, with Kratix's exact words (Kratix docs: requiredPromises). */
public final class Requirements {
  public static final String INSTALLED = "Requirement installed";
  public static final String NOT_INSTALLED = "Requirement not installed";
  public static final String NOT_AT_VERSION = "Requirement not installed at the specified version";
  public static final String NOT_AVAILABLE = "Requirement not available";

  /** One required Promise and how it stands. */
  public record Status(String name, String version, String state) {}

  private Requirements() {}

  /**
   * A version counts once the required Promise has ever been applied at it (Kratix keeps PromiseRevisions), so
   * upgrading past the required version keeps the requirement met.
   */
  public static List<Status> evaluate(List<RequiredPromise> required, Map<String, PromiseSnapshot> promises) {
    List<Status> out = new ArrayList<>();
    for (RequiredPromise r : required) {
      PromiseSnapshot p = promises.get(r.name());
      String state;
      if (p == null || !p.exists()) state = NOT_INSTALLED;
      else if (!r.version().isEmpty() && !p.versions().contains(r.version())) state = NOT_AT_VERSION;
      else if (!p.available()) state = NOT_AVAILABLE;
      else state = INSTALLED;
      out.add(new Status(r.name(), r.version(), state));
    }
    return out;
  }

  public static boolean allInstalled(List<Status> statuses) {
    return statuses.stream().allMatch(s -> s.state().equals(INSTALLED));
  }
}

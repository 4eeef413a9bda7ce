package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Promise as its workflow holds it now; exists=false when no such Promise was applied.
 *
 * @param versions every kratix.io/promise-version it has been applied with (Kratix's PromiseRevisions)
 */
public record PromiseSnapshot(boolean exists, boolean available, long generation, ObjectNode document,
    List<String> versions) {
  public static PromiseSnapshot missing() {
    return new PromiseSnapshot(false, false, 0, null, List.of());
  }
}

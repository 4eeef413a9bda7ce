package dev.kratixtemporal.activity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.slo.SloRef;
import java.util.List;

/**
 * A Promise as its workflow holds it now; exists=false when no such Promise was applied.
 *
 * @param versions every kratix.io/promise-version it has been applied with (Kratix's PromiseRevisions)
 * @param slos the SLOs attached to it (its status.slos[]): what a request that starts learns them from; empty in
 *     reads recorded before SLOs were attached
 */
public record PromiseSnapshot(boolean exists, boolean available, long generation, ObjectNode document,
    List<String> versions, List<SloRef> slos) {
  @JsonCreator
  public PromiseSnapshot {
    slos = slos == null ? List.of() : slos;
  }

  public PromiseSnapshot(boolean exists, boolean available, long generation, ObjectNode document, List<String> versions) {
    this(exists, available, generation, document, versions, List.of());
  }

  public static PromiseSnapshot missing() {
    return new PromiseSnapshot(false, false, 0, null, List.of());
  }
}

package dev.kratixtemporal.model;

/** A workload group written to one Destination (Kratix's WorkPlacement). */
public record Placement(String name, String workName, String groupId, String destination, boolean misplaced,
    String written) {
  public Placement withMisplaced(boolean value) {
    return new Placement(name, workName, groupId, destination, value, written);
  }

  /** written: the commit (or "written" for stores without versions) of the last successful write, null if none. */
  public Placement withWritten(String value) {
    return new Placement(name, workName, groupId, destination, misplaced, value);
  }
}

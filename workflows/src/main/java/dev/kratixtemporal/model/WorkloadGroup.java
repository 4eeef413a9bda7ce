package dev.kratixtemporal.model;

import java.util.List;

/** Files scheduled together: the root of a pipeline's output, or one directory named in destination-selectors.yaml. */
public record WorkloadGroup(String id, String directory, List<OutputFile> files, List<SourcedSelector> selectors) {
  /** Kratix names a group's state-store directory by the first five hex digits of its id. */
  public String shortId() {
    return id.substring(0, 5);
  }
}

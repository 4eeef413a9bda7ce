package dev.kratixtemporal.model;

import java.util.List;

/**
 * Files scheduled together: the root of a pipeline's output, or one directory named in destination-selectors.yaml.
 * The files are references into the blob store, by path relative to /kratix/output.
 */
public record WorkloadGroup(String id, String directory, List<FileRef> files, List<SourcedSelector> selectors) {
  /** Kratix names a group's state-store directory by the first five hex digits of its id. */
  public String shortId() {
    return id.substring(0, 5);
  }
}

package dev.kratixtemporal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The output of one pipeline run (or a Promise's static dependencies), as Kratix's Work.
 * A dependency Work (resourceName null) fans out to every matching Destination; a resource Work goes to one.
 */
public record Work(String name, String promiseName, String resourceName, String namespace, String pipelineName,
    List<WorkloadGroup> groups) {
  @JsonIgnore // derived, not state: it must not be written into workflow payloads
  public boolean isDependency() {
    return resourceName == null;
  }
}

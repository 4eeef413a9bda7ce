package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.DestinationSelector;
import dev.kratixtemporal.model.FileRef;
import java.util.List;

/**
 * What a pipeline left behind: /kratix/output files (references: their contents are in the blob store),
 * /kratix/metadata files, and how it ended.
 *
 * @param message why it failed (names the container and exit code), null on success
 */
public record PipelineResult(boolean succeeded, String message, List<FileRef> outputs,
    List<DestinationSelector> destinationSelectors, ObjectNode status, ObjectNode workflowControl, String logs) {

  public static PipelineResult failed(String message, String logs) {
    return new PipelineResult(false, message, List.of(), List.of(), null, null, logs);
  }
}

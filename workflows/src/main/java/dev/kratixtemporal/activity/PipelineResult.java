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
 * @param health /kratix/metadata/health.yaml (a health check's verdict: state, details); null when none
 * @param timedOut a container ran past its timeout and was stopped (a health check's run is then unknown)
 */
public record PipelineResult(boolean succeeded, String message, List<FileRef> outputs,
    List<DestinationSelector> destinationSelectors, ObjectNode status, ObjectNode workflowControl, String logs,
    ObjectNode health, boolean timedOut) {

  public PipelineResult(boolean succeeded, String message, List<FileRef> outputs,
      List<DestinationSelector> destinationSelectors, ObjectNode status, ObjectNode workflowControl, String logs) {
    this(succeeded, message, outputs, destinationSelectors, status, workflowControl, logs, null, false);
  }

  public static PipelineResult failed(String message, String logs) {
    return new PipelineResult(false, message, List.of(), List.of(), null, null, logs);
  }

  public static PipelineResult timedOut(String message, String logs) {
    return new PipelineResult(false, message, List.of(), List.of(), null, null, logs, null, true);
  }
}

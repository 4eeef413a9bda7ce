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
 * @param healthDefinitions HealthDefinition documents a resource's configure pipeline left in /kratix/output, taken
 *     out of its outputs (docs/health-checks.md). Carried as documents, not references: a definition is small and
 *     holds no secret, and the request's workflow applies it. Null (histories recorded before) or empty when none.
 */
public record PipelineResult(boolean succeeded, String message, List<FileRef> outputs,
    List<DestinationSelector> destinationSelectors, ObjectNode status, ObjectNode workflowControl, String logs,
    ObjectNode health, boolean timedOut, List<ObjectNode> healthDefinitions) {

  public PipelineResult(boolean succeeded, String message, List<FileRef> outputs,
      List<DestinationSelector> destinationSelectors, ObjectNode status, ObjectNode workflowControl, String logs,
      ObjectNode health, boolean timedOut) {
    this(succeeded, message, outputs, destinationSelectors, status, workflowControl, logs, health, timedOut, null);
  }

  /** The emitted HealthDefinitions; empty when none (or recorded before they were picked out). */
  public List<ObjectNode> emittedHealthDefinitions() {
    return healthDefinitions == null ? List.of() : healthDefinitions;
  }

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

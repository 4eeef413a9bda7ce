package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document that passed admission, defaults filled in.
 *
 * @param workflowId the workflow that receives it: the object's own, (a HealthDefinition's schedule), or for a HealthRecord the request it is
 *     about; empty for a Secret
 */
public record Admitted(Kind kind, ObjectNode doc, String workflowId) {
  public enum Kind { SECRET, PROMISE, DESTINATION, STATE_STORE, HEALTH_RECORD, HEALTH_DEFINITION, RESOURCE_REQUEST }
}

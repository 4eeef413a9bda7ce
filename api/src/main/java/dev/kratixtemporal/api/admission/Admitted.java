package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.slo.Slo;

/**
 * A document that passed admission, defaults filled in.
 *
 * @param workflowId the workflow that receives it: the object's own, (a HealthDefinition's schedule), or for a HealthRecord the request it is
 *     about; empty for a Secret and an SLI (neither has a workflow)
 * @param slo for an SLO, the SLO as parsed (its indicator resolved); otherwise null
 */
public record Admitted(Kind kind, ObjectNode doc, String workflowId, Slo slo) {
  public enum Kind { SECRET, PROMISE, DESTINATION, STATE_STORE, HEALTH_RECORD, HEALTH_DEFINITION, RESOURCE_REQUEST,
    SLI, SLO }

  public Admitted(Kind kind, ObjectNode doc, String workflowId) {
    this(kind, doc, workflowId, null);
  }
}

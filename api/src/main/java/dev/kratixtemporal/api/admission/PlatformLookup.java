package dev.kratixtemporal.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.slo.Sli;
import dev.kratixtemporal.workflow.Catalog;
import java.util.Map;

/** The read-only questions admission asks of the running platform. */
public interface PlatformLookup {
  Catalog catalog();

  /** Whether the Promise's workflow knows a request of that workflow id. */
  boolean hasRequest(String promise, String requestWorkflowId);

  /**
   * The document an object's workflow holds now (with its status), or null when there is none: what a new version
   * of the object must stay compatible with.
   */
  ObjectNode applied(String workflowId);

  /** The SLI documents applied so far, parsed, by name: what an SLO's indicatorRef may name. */
  Map<String, Sli> indicators();
}

package dev.kratixtemporal.api.admission;

import dev.kratixtemporal.workflow.Catalog;

/** The read-only questions admission asks of the running platform. */
public interface PlatformLookup {
  Catalog catalog();

  /** Whether the Promise's workflow knows a request of that workflow id. */
  boolean hasRequest(String promise, String requestWorkflowId);
}

package dev.kratixtemporal.model;

import java.util.Map;

/** Labels a workload group must be scheduled by, and where they came from (promise, promise-workflow, resource-workflow). */
public record SourcedSelector(Map<String, String> matchLabels, String source) {
  public static final String PROMISE = "promise";
  public static final String PROMISE_WORKFLOW = "promise-workflow";
  public static final String RESOURCE_WORKFLOW = "resource-workflow";
}

package dev.kratixtemporal.api.listing;

import dev.kratixtemporal.workflow.WorkflowIds;
import java.util.regex.Pattern;

/**
 * What one list holds: the workflows of one kind (and, for requests, of one Promise), named two ways: by the prefix
 * of their workflow ids (WorkflowIds) and by a visibility query on their type and search attributes. Both describe
 * the same set; the prefix also picks this scope's objects out of the ones recently applied.
 *
 * @param kind what the objects are called in a "not found" answer
 * @param idPrefix the prefix every workflow id of the scope starts with; the rest is "name" or "namespace/name"
 * @param query the visibility query that lists the scope's running workflows
 * @param promise for a Promise's requests, the Promise; otherwise null
 */
public record ListScope(String kind, String idPrefix, String query, String promise) {
  /** Kubernetes names, namespaces and kinds: nothing a query could read as anything but a value. */
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})?");

  public static ListScope promises() {
    return new ListScope("Promise", WorkflowIds.promise(""), running("PromiseWorkflow"), null);
  }

  public static ListScope destinations() {
    return new ListScope("Destination", WorkflowIds.destination(""), running("DestinationWorkflow"), null);
  }

  public static ListScope slos() {
    return new ListScope("SLO", WorkflowIds.slo(""), running("SloWorkflow"), null);
  }

  /** HealthDefinitions, by namespace then name (their workflows set no KratixPromise: filtered on promiseRef). */
  public static ListScope healthDefinitions() {
    String ofNoName = WorkflowIds.healthDefinition("", ""); // "healthdefinition//"
    return new ListScope("HealthDefinition", ofNoName.substring(0, ofNoName.length() - 1),
        running("HealthCheckWorkflow"), null);
  }

  /** @param kind GitStateStore or BucketStateStore */
  public static ListScope stores(String kind) {
    return new ListScope(kind, WorkflowIds.store(kind, ""),
        running("StateStoreWorkflow") + " AND KratixKind = " + literal(kind), null);
  }

  /** The requests of one Promise, of whatever kind its API defines. */
  public static ListScope requestsOf(String promise) {
    String ofNoName = WorkflowIds.resource(promise, "", ""); // "resource/<promise>//"
    return new ListScope("resource request", ofNoName.substring(0, ofNoName.length() - 1),
        running("ResourceWorkflow") + " AND KratixPromise = " + literal(promise), promise);
  }

  /** Whether a workflow id belongs to this scope. */
  public boolean contains(String workflowId) {
    return workflowId.startsWith(idPrefix) && workflowId.length() > idPrefix.length();
  }

  /** The object's "name" or "namespace/name", from its workflow id. */
  public String coordinates(String workflowId) {
    return workflowId.substring(idPrefix.length());
  }

  /**
   * A value quoted for a visibility query. Only Kubernetes-shaped values are accepted, so no quoting rule of any
   * visibility store (SQL, Elasticsearch) can be turned against it.
   */
  static String literal(String value) {
    if (!SAFE_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a Kubernetes name, namespace or kind: \"" + value + "\"");
    }
    return "'" + value + "'";
  }

  private static String running(String workflowType) {
    return "WorkflowType = " + literal(workflowType) + " AND ExecutionStatus = 'Running'";
  }
}

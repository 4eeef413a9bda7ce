package dev.kratixtemporal.api.kubernetes;

import dev.kratixtemporal.workflow.WorkflowIds;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * A kind the controller watches: a Kratix kind, or the API a Promise installs ({@code promise} is then the
 * Promise's name, else null).
 */
public record KindRef(String group, String version, String kind, String plural, boolean namespaced, String promise) {
  public static final String KRATIX_GROUP = "platform.kratix.io";
  public static final KindRef PROMISE = kratix("Promise", "promises", false);
  public static final KindRef DESTINATION = kratix("Destination", "destinations", false);
  public static final KindRef GIT_STATE_STORE = kratix("GitStateStore", "gitstatestores", false);
  public static final KindRef BUCKET_STATE_STORE = kratix("BucketStateStore", "bucketstatestores", false);
  public static final KindRef HEALTH_RECORD = kratix("HealthRecord", "healthrecords", true);
  public static final List<KindRef> KRATIX_KINDS =
      List.of(PROMISE, DESTINATION, GIT_STATE_STORE, BUCKET_STATE_STORE, HEALTH_RECORD);

  private static KindRef kratix(String kind, String plural, boolean namespaced) {
    return new KindRef(KRATIX_GROUP, "v1alpha1", kind, plural, namespaced, null);
  }

  /** The kind of a Promise's resource requests. */
  public static KindRef requestsOf(String promise, String group, String version, String kind, String plural) {
    return new KindRef(group, version, kind, plural, true, promise);
  }

  public boolean isRequest() {
    return promise != null;
  }

  /**
   * A HealthRecord is folded into its request's status and has no workflow of its own: nothing to hold its
   * deletion for and no status to write back.
   */
  public boolean hasWorkflow() {
    return !equals(HEALTH_RECORD);
  }

  public String crdName() {
    return plural + "." + group;
  }

  /** The id of the workflow that owns an object of this kind (the README's workflow table). */
  public String workflowId(String namespace, String name) {
    return isRequest() ? WorkflowIds.resource(promise, namespace, name) : WorkflowIds.kratixObject(kind, name);
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withNamespaced(namespaced).build();
  }
}

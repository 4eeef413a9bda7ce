package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a canary workflow does to the world: reads its Promise's API and applies, checks and deletes its requests the
 * way the REST API does, so that they go through the real pipelines (docs/slos.md, "Canaries").
 */
@ActivityInterface
public interface CanaryActivities {
  /** The apiVersion and kind of the Promise's requests; null when no such Promise exists. */
  @ActivityMethod
  RequestKind requestKind(String promise);

  /** Applies the request to its workflow, starting it if needed (update-with-start, as POST /api/v1/apply). */
  @ActivityMethod
  void applyRequest(String workflowId, ObjectNode request);

  /** Whether the request is still there and whether it is Reconciled. */
  @ActivityMethod
  CanaryCheck check(String workflowId);

  /** Asks the request's workflow to delete it (a request that is gone already is left alone). */
  @ActivityMethod
  void deleteRequest(String workflowId);
}

package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Applies a HealthDefinition a configure pipeline emitted, as an apply through the API would (docs/health-checks.md). */
@ActivityInterface
public interface HealthDefinitionActivities {
  /**
   * Starts its HealthCheckWorkflow, or updates the running one (update-with-start).
   *
   * @return the workflow id, healthdefinition/&lt;namespace&gt;/&lt;name&gt;
   */
  @ActivityMethod
  String applyHealthDefinition(ObjectNode definition);
}

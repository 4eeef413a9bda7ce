package dev.kratixtemporal.api;

import dev.kratixtemporal.api.admission.Admitted;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.workflow.SearchAttributes;

/**
 * The search attributes an object's workflow starts with, the values its workflow upserts itself later, so that
 * visibility finds it from its first moment (lists query KratixPromise and KratixKind). Phase starts Pending.
 */
final class StartSearchAttributes {
  private StartSearchAttributes() {}

  static io.temporal.common.SearchAttributes of(Admitted object) {
    var attributes = io.temporal.common.SearchAttributes.newBuilder()
        .set(SearchAttributes.KIND, Docs.kind(object.doc()))
        .set(SearchAttributes.PHASE, "Pending");
    switch (object.kind()) {
      case PROMISE -> attributes.set(SearchAttributes.PROMISE, Docs.name(object.doc()));
      case RESOURCE_REQUEST -> {
        // resource/<promise>/<namespace>/<name>: the Promise and namespace the workflow id was made of
        String[] parts = object.workflowId().split("/", 4);
        attributes.set(SearchAttributes.PROMISE, parts[1]).set(SearchAttributes.NAMESPACE, parts[2]);
      }
      case HEALTH_DEFINITION -> {
        // healthdefinition/<namespace>/<name>, about a request of spec.promiseRef.name
        attributes.set(SearchAttributes.PROMISE, object.doc().path("spec").path("promiseRef").path("name").asText())
            .set(SearchAttributes.NAMESPACE, object.workflowId().split("/", 3)[1]);
      }
      case SLO -> attributes.set(SearchAttributes.PROMISE, object.slo().indicator().source().promise());
      default -> { }
    }
    return attributes.build();
  }
}

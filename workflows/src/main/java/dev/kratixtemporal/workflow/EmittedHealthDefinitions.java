package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.TreeSet;

/**
 * The HealthDefinitions a request's configure pipelines emit (docs/health-checks.md): each is applied for this
 * request (its resourceRef, promiseRef and namespace are the request's, whatever the pipeline wrote), and those it
 * emitted before and no longer emits are deleted. The request's delete takes the rest.
 */
final class EmittedHealthDefinitions {
  private EmittedHealthDefinitions() {}

  /**
   * After a configure run that completed. A run that emits none, of a request that never emitted any, sends no
   * command: histories recorded before definitions were picked out replay unchanged (their results carry none).
   */
  static void reconcile(ResourceWorkflowState state, ConfigureRun run, String promise, String namespace, String name) {
    if (run.healthDefinitions.isEmpty() && state.emittedHealthDefinitions.isEmpty()) return;
    TreeSet<String> emitted = new TreeSet<>();
    for (ObjectNode definition : run.healthDefinitions) {
      ObjectNode doc = forRequest(definition, promise, namespace, name);
      String id = WorkflowIds.healthDefinition(namespace, Docs.name(doc));
      // Kept even when the apply failed: it may have started, and the request's delete must find it.
      emitted.add(id);
      try {
        Stubs.healthDefinitions().applyHealthDefinition(doc);
      } catch (ActivityFailure e) {
        // Refused (being deleted) or the service is down: the next configure run applies it again.
      }
    }
    // A run resumed after a suspension did not run the earlier pipelines: what they emitted stays.
    if (!run.ranAll) emitted.addAll(state.emittedHealthDefinitions);
    for (String gone : state.emittedHealthDefinitions) {
      if (!emitted.contains(gone)) delete(gone);
    }
    state.emittedHealthDefinitions = emitted;
  }

  /** The definition as this request's: in its namespace, about it, of its Promise. */
  static ObjectNode forRequest(ObjectNode definition, String promise, String namespace, String name) {
    ObjectNode doc = definition.deepCopy();
    doc.remove("status");
    Docs.metadata(doc).put("namespace", namespace);
    ObjectNode spec = doc.with("spec");
    spec.putObject("resourceRef").put("name", name).put("namespace", namespace);
    spec.putObject("promiseRef").put("name", promise);
    return doc;
  }

  /** The Promise no longer has configure pipelines: none emits them now (no command when it never emitted any). */
  static void deleteAll(ResourceWorkflowState state) {
    for (String id : state.emittedHealthDefinitions) delete(id);
    state.emittedHealthDefinitions = new TreeSet<>();
  }

  static void delete(String healthDefinitionWorkflowId) {
    try {
      Workflow.newUntypedExternalWorkflowStub(healthDefinitionWorkflowId).signal("delete");
    } catch (RuntimeException e) {
      // Already gone.
    }
  }
}

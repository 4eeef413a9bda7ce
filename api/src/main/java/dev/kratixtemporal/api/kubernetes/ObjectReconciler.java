package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.ApplyService;
import dev.kratixtemporal.workflow.ApplyResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one custom resource and its workflow together: finalizer on, the document applied through ApplyService
 * (the REST API's path), the workflow's status written back; on deletion, delete sent to the workflow and the
 * finalizer removed once the workflow has finished.
 */
final class ObjectReconciler {
  private static final Logger log = LoggerFactory.getLogger(ObjectReconciler.class);
  static final String MANUAL_RECONCILIATION = "kratix.io/manual-reconciliation";
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private final Informers informers;
  private final ClusterObjects cluster;
  private final ApplyService applyService;
  private final WorkflowClient temporal;
  private final PromiseApis promiseApis;
  private final WorkQueue queue;
  private final Map<ObjectRef, TrackedObject> tracked = new ConcurrentHashMap<>();

  ObjectReconciler(Informers informers, ClusterObjects cluster, ApplyService applyService, WorkflowClient temporal,
      PromiseApis promiseApis, WorkQueue queue) {
    this.informers = informers;
    this.cluster = cluster;
    this.applyService = applyService;
    this.temporal = temporal;
    this.promiseApis = promiseApis;
    this.queue = queue;
  }

  /** The objects whose workflow status is polled. */
  Set<ObjectRef> tracked() {
    return Set.copyOf(tracked.keySet());
  }

  void forget(ObjectRef ref) {
    tracked.remove(ref);
  }

  void reconcile(ObjectRef ref) {
    ObjectNode cr = informers.cached(ref);
    if (cr == null) {
      forget(ref);
      return;
    }
    String uid = cr.path("metadata").path("uid").asText("");
    TrackedObject t = tracked.compute(ref, (r, old) -> old != null && old.uid.equals(uid) ? old : new TrackedObject(uid));
    if (ref.kind().hasWorkflow() && Finalizer.deleting(cr)) {
      reconcileDeletion(ref, cr, t);
      return;
    }
    // Before anything is applied, so that a deletion can never skip the workflow.
    if (ref.kind().hasWorkflow() && !Finalizer.on(cr) && !cluster.edit(ref, Finalizer::with)) return;
    ObjectNode doc = ServerMetadata.strip(cr);
    long clusterGeneration = cr.path("metadata").path("generation").asLong(0);
    if (!doc.equals(t.lastSeen)) {
      if (!apply(ref, cr, doc, clusterGeneration, t)) return;
    } else if (t.rejection == null && t.workflowGeneration > 0) {
      // Same document, newer cluster generation (the server bumped it for something the workflow ignores).
      t.generations.record(t.workflowGeneration, clusterGeneration);
    }
    if (ref.kind().hasWorkflow()) writeStatus(ref, t);
  }

  /** @return false when the apply is to be retried later */
  private boolean apply(ObjectRef ref, ObjectNode cr, ObjectNode doc, long clusterGeneration, TrackedObject t) {
    try {
      ApplyResult result = applyService.apply(doc.toString()).get(0);
      t.rejection = null;
      t.workflowGeneration = result.generation();
      t.generations.record(result.generation(), clusterGeneration);
      if (ref.kind().equals(KindRef.PROMISE)) promiseApis.applied(doc);
      // Kratix removes the label once acted on; left on, adding it again would be no change at all.
      if (doc.path("metadata").path("labels").has(MANUAL_RECONCILIATION)) cluster.edit(ref, ObjectReconciler::withoutManualLabel);
      // Only now: if the CRD could not be installed, the next attempt applies again (which changes nothing).
      t.lastSeen = doc;
      t.failedAttempts = 0;
      return true;
    } catch (RuntimeException e) {
      ApplyFailure failure = ApplyFailure.of(e);
      if (failure instanceof ApplyFailure.Rejected) {
        log.warn("{} rejected, nothing applied: {}", ref, failure.message());
        boolean same = t.rejection != null && t.rejection.message().equals(failure.message());
        t.lastSeen = doc;
        t.rejection = same ? t.rejection : new Rejection(failure.message(), now());
        return true;
      }
      Duration backoff = backoff(++t.failedAttempts);
      // Temporal or the cluster (a CRD it refuses) is in the way: say so louder once it lasts.
      if (t.failedAttempts > 3) log.warn("{}: {}, retrying in {}", ref, failure.message(), backoff);
      else log.info("{}: {}, retrying in {}", ref, failure.message(), backoff);
      queue.later(ref, backoff);
      return false;
    }
  }

  private void reconcileDeletion(ObjectRef ref, ObjectNode cr, TrackedObject t) {
    if (!Finalizer.on(cr)) return;
    if (!t.deleteDone) {
      if (!t.deleteSignalled) signalDelete(ref, t);
      if (!t.deleteDone) {
        writeStatus(ref, t);
        return;
      }
    }
    if (t.released) return;
    if (ref.kind().equals(KindRef.PROMISE)) promiseApis.deleted(cr, this::forget);
    cluster.edit(ref, Finalizer::without);
    t.released = true;
    log.info("{} released: {}", ref, t.deleteSignalled ? "its workflow has finished deleting" : "it had no workflow");
  }

  /** Sends delete and waits for the workflow's end off the reconcile thread; its end requeues the object. */
  private void signalDelete(ObjectRef ref, TrackedObject t) {
    WorkflowStub stub = temporal.newUntypedWorkflowStub(ref.workflowId());
    try {
      stub.signal("delete");
    } catch (WorkflowNotFoundException e) {
      // Never applied (rejected), or already deleted through the REST API.
      t.deleteDone = true;
      return;
    } catch (RuntimeException e) {
      log.info("{}: could not send delete ({}), retrying", ref, e.toString());
      queue.later(ref, backoff(++t.failedAttempts));
      return;
    }
    t.deleteSignalled = true;
    log.info("{} being deleted: sent delete to {}", ref, ref.workflowId());
    stub.getResultAsync(Void.class).whenComplete((ignored, error) -> {
      Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
      if (cause == null || cause instanceof WorkflowFailedException || cause instanceof WorkflowNotFoundException) {
        // Ended, one way or another (a failed or terminated workflow will not delete anything more either).
        t.deleteDone = true;
        queue.enqueue(ref);
      } else {
        // The long poll gave up (a delete pipeline may take long): ask again; delete is idempotent.
        t.deleteSignalled = false;
        queue.later(ref, Duration.ofSeconds(1));
      }
    });
  }

  private void writeStatus(ObjectRef ref, TrackedObject t) {
    JsonNode workflowStatus = workflowStatus(ref);
    cluster.editStatus(ref, current -> {
      ObjectNode desired = CrStatus.desired(workflowStatus, t.generations, current, t.rejection);
      return CrStatus.differs(current, desired) ? desired : null;
    });
  }

  /** The workflow's status query, or null when there is no such workflow (yet). */
  private JsonNode workflowStatus(ObjectRef ref) {
    try {
      return temporal.newUntypedWorkflowStub(ref.workflowId()).query("status", ObjectNode.class).get("status");
    } catch (WorkflowNotFoundException e) {
      return null;
    }
  }

  private static GenericKubernetesResource withoutManualLabel(GenericKubernetesResource r) {
    Map<String, String> labels = r.getMetadata().getLabels();
    if (labels == null || !labels.containsKey(MANUAL_RECONCILIATION)) return null;
    labels = new HashMap<>(labels);
    labels.remove(MANUAL_RECONCILIATION);
    r.getMetadata().setLabels(labels);
    return r;
  }

  static Duration backoff(int attempt) {
    Duration d = Duration.ofMillis(500L << Math.min(attempt - 1, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

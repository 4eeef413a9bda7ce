package dev.kratixtemporal.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one Kratix object's workflow, carried across continue-as-new. Public fields so Temporal's
 * Jackson converter stores it as it is.
 */
public class ObjectState {
  /** The applied document, without status; null until the first apply. */
  public ObjectNode document;
  public ObjectNode status = JsonNodeFactory.instance.objectNode();
  public long generation;
  /** Hash of what the last workflow run was for; a new hash means a rerun. */
  public String lastRunHash;
  /** Works by pipeline name ("static" for a Promise's dependencies). */
  public Map<String, Work> works = new LinkedHashMap<>();
  /** Placements by name. */
  public Map<String, Placement> placements = new LinkedHashMap<>();
  /** A run was asked for (apply with a new spec, manual reconcile, Promise change). */
  public boolean runRequested;
  /** Manual reconciliation: rerun even when nothing changed. */
  public boolean forceRun;
  public boolean destinationsChanged;
  public boolean deleteRequested;
  /** Workflow ids of a Promise's requests. */
  public List<String> requests = new ArrayList<>();
  public boolean registered;
  /** Workflow-clock millis of the next periodic reconciliation; 0 when none is due. */
  public long nextReconcileAt;
  /** Workflow-clock millis of the next periodic rewrite of the placements; 0 when none is due. */
  public long nextRewriteAt;
  /** The next delivery writes every placement again, changed or not (stateStoreReconciliationInterval). */
  public boolean rewriteRequested;
  /** Held by kratix.io/paused (its own label or its Promise's). */
  public boolean paused;
  /** Requests still to converge after a Promise change, and those converging now. */
  public List<String> convergeQueue = new ArrayList<>();
  public List<String> converging = new ArrayList<>();
  /** The next converge of a Promise's requests reruns them all (kratix.io/reconcile-resources). */
  public boolean forceRequests;
  /** The pipeline a workflow-control.yaml suspended the workflow at; -1 when not suspended. */
  public int suspendedAt = -1;
  /** Workflow-clock millis when a retryAfter resumes it; 0 for a plain suspend. */
  public long retryAt;
  /** Resume from the suspended pipeline (label removed, resume signal, or retryAfter elapsed). */
  public boolean resumeRequested;
  /** A request's HealthRecords by "namespace/name". */
  public Map<String, ObjectNode> healthRecords = new LinkedHashMap<>();
  /** A request's Promise waits to hear that it has converged. */
  public boolean promiseWaiting;
  /** The newest ready-Destination snapshot this workflow has received or read; null until the first. */
  public ReadyDestinations destinations;
  /** A Promise's requests still to be sent its newest snapshot (or, once deleteSent, the delete). */
  public List<String> notifyQueue = new ArrayList<>();
  /** Workflow-clock millis when a request whose Promise was missing tries to register again; 0 when none. */
  public long retryRegisterAt;
  /** The generation at which a failed or suspended delete pipeline started waiting for a fix; -1 when none. */
  public long deleteWaitsSince = -1;
  /** A Promise being deleted has queued the delete of each of its requests. */
  public boolean deleteSent;
  /** A Destination's last report to the Platform, so that only a change is sent. */
  public DestinationReport destinationReport;
  /** A store's last report to the Platform, so that only a change is sent. */
  public StoreReport storeReport;
  /**
   * Works no longer the object's whose placements still wait to be deleted (their Destination was not ready), by
   * name, without their files (docs/store-writes.md).
   */
  public Map<String, Work> retiredWorks = new LinkedHashMap<>();
  /** Workflow-clock millis when writes that did not go through are tried again; 0 when none is due. */
  public long retryWritesAt;
  /** The delay before the last write retry, doubled at each failed retry; 0 once writes go through. */
  public long writeRetryMillis;
  /** Deleting: the delete pipeline went through, only the files are left to remove (survives continue-as-new). */
  public boolean deletePipelineRan;

  /** The object as Kratix shows it, and as a pipeline sees it: the document with its status. */
  public ObjectNode asObject() {
    ObjectNode object = document == null ? JsonNodeFactory.instance.objectNode() : document.deepCopy();
    object.set("status", status.deepCopy());
    return object;
  }
}

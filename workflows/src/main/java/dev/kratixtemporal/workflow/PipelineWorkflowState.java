package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.ReadyDestinations;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.Work;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of an object that runs pipelines and places their Works: a Promise or a resource request. */
public class PipelineWorkflowState extends EntityWorkflowState {
  /** Handlers: the newest ready-Destination snapshot concerns this object; place again. */
  public boolean destinationsChanged;
  /** Handlers (resume, apply without the suspended label): resume from the suspended pipeline. */
  public boolean resumeRequested;
  /** Handlers: the newest ready-Destination snapshot received or read; null until the first. */
  public ReadyDestinations destinations;

  /** Hash of what the last workflow run was for; a new hash means a rerun. */
  public String lastRunHash;
  /** Works by pipeline name ("static" for a Promise's dependencies). */
  public Map<String, Work> works = new LinkedHashMap<>();
  /** Placements by name. */
  public Map<String, Placement> placements = new LinkedHashMap<>();
  /**
   * Works no longer the object's whose placements still wait to be deleted (their Destination was not ready), by
   * name, without their files (docs/store-writes.md).
   */
  public Map<String, Work> retiredWorks = new LinkedHashMap<>();
  /** Held by kratix.io/paused (its own label or its Promise's). */
  public boolean paused;
  /** The pipeline a workflow-control.yaml suspended the workflow at; -1 when not suspended. */
  public int suspendedAt = -1;

  /** Workflow-clock millis when a retryAfter resumes it; 0 for a plain suspend. */
  public long retryAt;
  /** Workflow-clock millis of the next periodic reconciliation; 0 when none is due. */
  public long nextReconcileAt;
  /** Workflow-clock millis of the next periodic rewrite of the placements; 0 when none is due. */
  public long nextRewriteAt;
  /** The next delivery writes every placement again, changed or not (stateStoreReconciliationInterval). */
  public boolean rewriteRequested;
  /** Workflow-clock millis when writes that did not go through are tried again; 0 when none is due. */
  public long retryWritesAt;
  /** The delay before the last write retry, doubled at each failed retry; 0 once writes go through. */
  public long writeRetryMillis;

  /** The generation at which a failed or suspended delete pipeline started waiting for a fix; -1 when none. */
  public long deleteWaitsSince = -1;
  /** Deleting: the delete pipeline went through, only the files are left to remove (survives continue-as-new). */
  public boolean deletePipelineRan;
}

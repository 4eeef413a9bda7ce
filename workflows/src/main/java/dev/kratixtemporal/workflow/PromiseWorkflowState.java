package dev.kratixtemporal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import dev.kratixtemporal.logic.slo.SloReport;

/** A Promise's state: its requests and the converge, notify and delete of them in flight. */
public class PromiseWorkflowState extends PipelineWorkflowState {
  /** Handlers (requestAdded, requestRemoved): workflow ids of the Promise's requests. */
  public List<String> requests = new ArrayList<>();
  /** Handlers remove a request that reported (requestConverged) or went: those converging now. */
  public List<String> converging = new ArrayList<>();

  /** Requests still to converge after a Promise change. */
  public List<String> convergeQueue = new ArrayList<>();
  /** The next converge of the requests reruns them all (kratix.io/reconcile-resources). */
  public boolean forceRequests;
  /** Requests still to be sent the newest snapshot (or, once deleteSent, the delete). */
  public List<String> notifyQueue = new ArrayList<>();
  /** Handlers (sloAttached, sloDetached): the latest report of each SLO of the Promise, by name. */
  public TreeMap<String, SloReport> slos = new TreeMap<>();
  /** Handlers queue, the loop drains: requests still to be sent the Promise's SLOs after they changed. */
  public List<String> sloQueue = new ArrayList<>();
  /** Being deleted, the Promise has queued the delete of each of its requests. */
  public boolean deleteSent;
}

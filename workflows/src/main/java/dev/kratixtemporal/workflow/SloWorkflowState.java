package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.logic.slo.SloLedger;
import dev.kratixtemporal.model.slo.Slo;
import java.util.ArrayList;
import java.util.List;

/** One SLO's state, carried across continue-as-new: its numbers, its bucketed events and its alert state. */
public class SloWorkflowState {
  static final int MAX_ALERT_CHANGES = 100;

  public String name;
  public String promise;
  /** The kratix sli: provisioning, health or pipeline. */
  public String indicator;
  public SloLedger ledger;
  /** Continue as new past this many history events, or when Temporal suggests it (tests set it low). */
  public int maxHistoryEvents = 4000;

  /** Handlers: events received and not counted yet. */
  public List<Observation> pending = new ArrayList<>();
  /** Handlers. */
  public boolean deleteRequested;
  /** Handlers: the SLO as applied again, not taken in yet (the latest wins). */
  public Slo applied;

  /** Good events and all events counted since the SLO was created, whatever its windows: counters for Prometheus. */
  public long goodTotal;
  public long eventsTotal;

  /** The loop's. */
  public AlertState alertState = AlertState.OK;
  public long alertSince = -1;
  public List<AlertChange> alertChanges = new ArrayList<>();
  public long evaluatedAt;

  public SloWorkflowState() {}

  /** The state a new SLO's workflow starts with. */
  public static SloWorkflowState of(Slo slo) {
    SloWorkflowState s = new SloWorkflowState();
    s.name = slo.name();
    s.promise = slo.indicator().source().promise();
    s.indicator = slo.indicator().source().sli().text();
    s.ledger = SloLedger.of(slo.policy());
    return s;
  }
}

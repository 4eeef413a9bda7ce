package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.AlertNotice;
import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.logic.slo.SloLedger;
import dev.kratixtemporal.model.slo.Slo;
import dev.kratixtemporal.model.slo.SloRef;
import java.util.ArrayList;
import java.util.List;

/** One SLO's state, carried across continue-as-new: its numbers, its bucketed events and its alert state. */
public class SloWorkflowState {
  static final int MAX_ALERT_CHANGES = 100;

  public String name;
  public String promise;
  /** The kratix sli: provisioning, health or pipeline. */
  public String indicator;
  /** Provisioning only: the threshold in millis; 0 for the other indicators (and in states started before it). */
  public long withinMillis;
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

  /** The loop's: the Promise knows this SLO (signal sloAttached went through) and has its latest alert state. */
  public boolean attached;
  /** The loop's: the alert state changed since the Promise was last told. */
  public boolean reportDue;
  /** The loop's: when to try telling a missing Promise again (0: not waiting), and the wait before that try. */
  public long attachRetryAt;
  public long attachRetryMillis;
  /** The loop's: what the status says of the Promise (null before the first try). */
  public String attachment;

  /** Provisioning only: the canaries the SLO asks for (null: none). */
  public dev.kratixtemporal.model.slo.Canary canary;
  /** The loop's: canary/<name> runs, with this block and Promise as it was last told (null: not running). */
  public dev.kratixtemporal.model.slo.Canary canaryTold;
  public String canaryPromise;
  /** The loop's: alert changes not yet POSTed to the webhook, oldest first, at most {@value #MAX_WEBHOOK_OUTBOX}. */
  public List<AlertNotice> webhookOutbox = new ArrayList<>();
  /** The loop's: no webhook URL was set when last asked; changes until then are not sent (0: ask at the next one). */
  public long webhookUnsetUntil;
  /** The loop's: what the status says of the webhook (null before the first change was sent). */
  public String webhook;

  static final int MAX_WEBHOOK_OUTBOX = 20;

  public SloWorkflowState() {}

  /** The state a new SLO's workflow starts with. */
  public static SloWorkflowState of(Slo slo) {
    SloWorkflowState s = new SloWorkflowState();
    s.name = slo.name();
    s.promise = slo.indicator().source().promise();
    s.indicator = slo.indicator().source().sli().text();
    s.withinMillis = SloRef.of(slo).withinMillis();
    s.ledger = SloLedger.of(slo.policy());
    s.canary = slo.indicator().source().canary();
    return s;
  }
}

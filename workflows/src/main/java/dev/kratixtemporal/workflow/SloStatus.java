package dev.kratixtemporal.workflow;

import dev.kratixtemporal.logic.slo.AlertState;
import java.util.List;
import java.util.Map;

/**
 * What an SLO's {@code status} query answers, as of {@code evaluatedAt} (the workflow re-evaluates whenever an event
 * comes or a window lets old events go, so nothing has changed since).
 *
 * @param sli the good fraction over the window; null before the first event
 * @param burnRates keyed 5m, 30m, 1h, 6h, 3d
 * @param alertSince when the alert state last changed
 * @param goodEvents good events (slices, for Timeslices) in the window
 * @param totalEvents all events (slices with events, for Timeslices) in the window
 * @param goodTotal good events counted since the SLO was created (not slices; never reset, for Prometheus counters)
 * @param eventsTotal all events counted since the SLO was created
 * @param alertChanges the latest changes of the alert state, oldest first (at most {@value SloWorkflowState#MAX_ALERT_CHANGES})
 * @param attachment whether its Promise knows it, or when it is tried again (docs/slos.md, "Where the events come
 *     from"); null before the first try
 * @param webhook the last alert change POSTed to the webhook, or why it could not be (docs/slos.md, "Alert
 *     webhook"); null before the first
 */
public record SloStatus(String name, String promise, String indicator, Double sli, double objective,
    double errorBudgetRemaining, Map<String, Double> burnRates, AlertState alertState, long alertSince,
    long goodEvents, long totalEvents, long goodTotal, long eventsTotal, long evaluatedAt,
    List<AlertChange> alertChanges, String attachment, String webhook) {}

package dev.kratixtemporal.activity;

import dev.kratixtemporal.logic.slo.AlertState;
import java.util.Map;

/**
 * One change of an SLO's alert state: the JSON body the alert webhook POSTs (docs/slos.md, "Alert webhook"). It holds
 * the SLO's numbers only; the webhook's URL and headers (which may hold tokens) are settings the activity reads.
 *
 * @param at when the state changed, RFC 3339 (UTC)
 * @param sli null before the first event
 * @param burnRates keyed 5m, 30m, 1h, 6h, 3d
 */
public record AlertNotice(String slo, String promise, AlertState from, AlertState to, String at, Double sli,
    double objective, double errorBudgetRemaining, Map<String, Double> burnRates) {}

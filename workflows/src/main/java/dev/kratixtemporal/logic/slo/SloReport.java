package dev.kratixtemporal.logic.slo;

import dev.kratixtemporal.model.slo.SloRef;

/**
 * What an SLO tells its Promise when it starts and whenever its alert state changes: the Promise keeps the latest
 * one per SLO, shows it on its status and forwards the ref to its requests.
 *
 * @param alertSince epoch millis, workflow time of the SLO
 */
public record SloReport(SloRef slo, AlertState alertState, long alertSince) {}

package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.Conditions;

/** A canary request as its workflow shows it: gone, still on its way, or Reconciled. */
public enum CanaryCheck {
  GONE, PENDING, RECONCILED;

  /** From a request's document with status (null: its workflow is not running). */
  public static CanaryCheck of(JsonNode request) {
    if (request == null) return GONE;
    return Conditions.isTrue(request.path("status"), Conditions.RECONCILED) ? RECONCILED : PENDING;
  }
}

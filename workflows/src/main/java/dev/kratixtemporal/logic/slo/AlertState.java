package dev.kratixtemporal.logic.slo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the burn rates ask of people: nothing, a ticket, or a page (docs/slos.md). */
public enum AlertState {
  @JsonProperty("ok") OK,
  @JsonProperty("ticket") TICKET,
  @JsonProperty("page") PAGE
}

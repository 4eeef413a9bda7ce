package dev.kratixtemporal.logic.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Conditions;
import dev.kratixtemporal.model.slo.SloRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromiseSloStatusTest {
  static final long T = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  @Test
  void listsSlosByNameAndNamesThoseBurningTheirBudget() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    PromiseSloStatus.apply(status, List.of(
        new SloReport(new SloRef("z-runs", "pipeline", 0), AlertState.TICKET, T),
        new SloReport(new SloRef("a-prov", "provisioning", 90_000), AlertState.OK, T),
        new SloReport(new SloRef("m-health", "health", 0), AlertState.PAGE, T)), "now");
    assertThat(status.path("slos").findValuesAsText("name")).containsExactly("a-prov", "m-health", "z-runs");
    assertThat(status.path("slos").get(0).path("within").asText()).isEqualTo("90s");
    assertThat(status.path("slos").get(1).has("within")).isFalse();
    assertThat(status.path("slos").get(2).path("alertSince").asText()).isEqualTo("2026-03-02T10:00:00Z");
    var c = Conditions.get(status, PromiseSloStatus.CONDITION);
    assertThat(c.path("status").asText()).isEqualTo("False");
    assertThat(c.path("reason").asText()).isEqualTo("ErrorBudgetBurning");
    assertThat(c.path("message").asText()).isEqualTo("Error budget burning: m-health (page), z-runs (ticket)");
    assertThat(SloRef.listFrom(status)).containsExactly(new SloRef("a-prov", "provisioning", 90_000),
        new SloRef("m-health", "health", 0), new SloRef("z-runs", "pipeline", 0));

    PromiseSloStatus.apply(status, List.of(new SloReport(new SloRef("a-prov", "provisioning", 600_000), AlertState.OK, T)),
        "later");
    assertThat(status.path("slos").get(0).path("within").asText()).isEqualTo("10m");
    assertThat(Conditions.get(status, PromiseSloStatus.CONDITION).path("reason").asText()).isEqualTo("AllObjectivesMet");

    PromiseSloStatus.apply(status, List.of(), "later");
    assertThat(status.has("slos")).isFalse();
    assertThat(Conditions.get(status, PromiseSloStatus.CONDITION)).isNull();
  }
}

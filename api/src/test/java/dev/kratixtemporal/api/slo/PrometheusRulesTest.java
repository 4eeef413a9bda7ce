package dev.kratixtemporal.api.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusRulesTest {

  private static JsonNode rules(String yaml) throws Exception {
    JsonNode file = KratixYaml.YAML.readTree(yaml);
    assertThat(file.path("groups")).hasSize(1);
    return file.path("groups").get(0).path("rules");
  }

  @Test
  void recordsTheBurnRateOfEachWindowFromTheEventCounters_againstTheTargetsBudget() throws Exception {
    JsonNode rules = rules(PrometheusRules.of("sa-pg", "postgres", 0.999));
    List<String> records = new ArrayList<>();
    for (JsonNode r : rules) if (r.has("record")) records.add(r.path("record").asText());
    assertThat(records).containsExactly("kratix_slo:burn_rate:5m", "kratix_slo:burn_rate:30m",
        "kratix_slo:burn_rate:1h", "kratix_slo:burn_rate:6h", "kratix_slo:burn_rate:3d");
    JsonNode h6 = rules.get(3);
    assertThat(h6.path("expr").asText()).isEqualTo(
        "(sum(increase(kratix_slo_events_total{slo=\"sa-pg\",outcome=\"bad\"}[6h]))"
            + " / sum(increase(kratix_slo_events_total{slo=\"sa-pg\"}[6h]))) / 0.001");
    assertThat(h6.path("labels").path("slo").asText()).isEqualTo("sa-pg");
    assertThat(h6.path("labels").path("promise").asText()).isEqualTo("postgres");
    // Another target, another budget: 1 - 0.95.
    assertThat(rules(PrometheusRules.of("sa-pg", "postgres", 0.95)).get(0).path("expr").asText()).endsWith("[5m]))) / 0.05");
  }

  @Test
  void alertsAsTheWorkflowDoes_pageOnFastOrSlowBurn_ticketOnSteadyBurn() throws Exception {
    JsonNode rules = rules(PrometheusRules.of("sa-pg", "postgres", 0.999));
    JsonNode page = rules.get(5);
    JsonNode ticket = rules.get(6);
    assertThat(page.path("labels").path("severity").asText()).isEqualTo("page");
    assertThat(page.path("labels").path("slo").asText()).isEqualTo("sa-pg");
    assertThat(page.path("expr").asText()).isEqualTo(
        "(kratix_slo:burn_rate:1h{slo=\"sa-pg\"} > 14.4 and kratix_slo:burn_rate:5m{slo=\"sa-pg\"} > 14.4)"
            + " or (kratix_slo:burn_rate:6h{slo=\"sa-pg\"} > 6 and kratix_slo:burn_rate:30m{slo=\"sa-pg\"} > 6)");
    assertThat(ticket.path("labels").path("severity").asText()).isEqualTo("ticket");
    assertThat(ticket.path("expr").asText()).isEqualTo(
        "kratix_slo:burn_rate:3d{slo=\"sa-pg\"} > 1 and kratix_slo:burn_rate:6h{slo=\"sa-pg\"} > 1");
    assertThat(rules).hasSize(7);
  }
}

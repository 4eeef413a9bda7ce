package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static ObjectNode rec(String ns, String name, String state, String version) {
    return Health.record(name, ns, "p", "r", "default", state, null, 100, version);
  }

  @Test
  void recordsAreListedByNamespaceThenName() {
    List<ObjectNode> records = List.of(rec("b", "x", "healthy", "v1"), rec("a-b", "z", "healthy", "v1"),
        rec("a", "y", "healthy", "v1"), rec("a", "b", "healthy", "v1"));
    ObjectNode status = Health.healthStatus(records, "v1", 1);
    assertThat(status.path("healthRecords").findValuesAsText("namespace")).containsExactly("a", "a", "a-b", "b");
    assertThat(status.path("healthRecords").get(0).path("source").path("name").asText()).isEqualTo("b");
  }

  @Test
  void onlyRecordsOfTheRunningPromiseVersionCount() {
    List<ObjectNode> old = List.of(rec("default", "check", "unhealthy", "v1"));
    assertThat(Health.healthStatus(old, "v2", 1).path("state").asText()).isEqualTo("unknown");
    assertThat(Health.verdict(old, "v2", 1)).isEqualTo(new Health.Verdict("Unknown", "WaitingForRecords",
        "Waiting for health records of Promise version v2"));
    assertThat(Health.verdict(old, "v1", 1).reason()).isEqualTo("Unhealthy");
    assertThat(Health.verdict(old, "v1", 1).status()).isEqualTo("False");
  }

  @Test
  void verdictReasons() {
    assertThat(Health.verdict(List.of(), "v1", 0).reason()).isEqualTo("NoHealthChecks");
    assertThat(Health.verdict(List.of(), "v1", 2).reason()).isEqualTo("WaitingForRecords");
    assertThat(Health.verdict(List.of(rec("d", "a", "healthy", "v1"), rec("d", "b", "ready", "v1")), "v1", 2))
        .isEqualTo(new Health.Verdict("True", "AllRecordsHealthy", "All health records are healthy"));
    assertThat(Health.verdict(List.of(rec("d", "a", "degraded", "v1"), rec("d", "b", "healthy", "v1")), "v1", 2))
        .isEqualTo(new Health.Verdict("False", "Degraded", "Degraded health records: [d/a]"));
    assertThat(Health.verdict(List.of(rec("d", "a", "degraded", "v1"), rec("d", "b", "unhealthy", "v1")), "v1", 2))
        .isEqualTo(new Health.Verdict("False", "Unhealthy", "Unhealthy health records: [d/b]"));
  }

  @Test
  void aRecordFromARunCarriesItsVersionAndAnUnknownStateForNonsense() {
    ObjectNode r = Health.record("check", "team", "pg", "db", "team", "splendid", null, 1700000000L, "v3");
    assertThat(r.path("kind").asText()).isEqualTo("HealthRecord");
    assertThat(r.path("data").path("state").asText()).isEqualTo("unknown");
    assertThat(r.path("data").path("promiseVersion").asText()).isEqualTo("v3");
    assertThat(r.path("data").path("lastRun").asLong()).isEqualTo(1700000000L);
    assertThat(r.path("data").path("resourceRef").path("namespace").asText()).isEqualTo("team");
  }
}

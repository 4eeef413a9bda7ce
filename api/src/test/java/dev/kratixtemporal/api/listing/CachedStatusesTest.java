package dev.kratixtemporal.api.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedStatusesTest {
  static class Ticking extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void scrapesWithinMaxAgeReadTheStatusesOnce_andAFailedReadKeepsTheLastOnes() {
    AtomicInteger reads = new AtomicInteger();
    Ticking clock = new Ticking();
    CachedStatuses snapshots = new CachedStatuses("SLO", () -> {
      if (reads.incrementAndGet() == 3) throw new IllegalStateException("Temporal unreachable");
      ObjectNode s = KratixYaml.JSON.createObjectNode().put("name", "sa-" + reads.get());
      return List.of(s);
    }, Duration.ofSeconds(5), clock);
    for (int i = 0; i < 10; i++) assertThat(snapshots.current().get(0).path("name").asText()).isEqualTo("sa-1");
    assertThat(reads).hasValue(1);
    clock.now = clock.now.plusSeconds(5);
    assertThat(snapshots.current().get(0).path("name").asText()).isEqualTo("sa-2");
    clock.now = clock.now.plusSeconds(5);
    assertThat(snapshots.current().get(0).path("name").asText()).as("the read failed").isEqualTo("sa-2");
    assertThat(reads).hasValue(3);
  }
}

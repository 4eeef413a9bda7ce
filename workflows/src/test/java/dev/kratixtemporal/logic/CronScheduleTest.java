package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void nextTimeIsStrictlyAfterTheGivenOneInUtc() {
    CronSchedule every5 = CronSchedule.parse("*/5 * * * *", "spec.schedule");
    assertThat(every5.nextAfter(at("2025-03-01T10:02:30Z"))).isEqualTo(at("2025-03-01T10:05:00Z"));
    assertThat(every5.nextAfter(at("2025-03-01T10:05:00Z"))).isEqualTo(at("2025-03-01T10:10:00Z"));
    CronSchedule daily = CronSchedule.parse("30 2 * * *", "spec.schedule");
    assertThat(daily.nextAfter(at("2025-03-01T10:00:00Z"))).isEqualTo(at("2025-03-02T02:30:00Z"));
    CronSchedule mondays = CronSchedule.parse("0 9 * * 1", "spec.schedule");
    assertThat(mondays.nextAfter(at("2025-03-01T10:00:00Z"))).isEqualTo(at("2025-03-03T09:00:00Z"));
  }

  @Test
  void badExpressionsNameTheField() {
    for (String bad : new String[] {"", "* * * *", "* * * * * *", "61 * * * *", "every minute please", "*/0 * * * *"}) {
      assertThatThrownBy(() -> CronSchedule.parse(bad, "spec.schedule"))
          .as(bad).isInstanceOf(InvalidDocumentException.class)
          .satisfies(e -> assertThat(((InvalidDocumentException) e).field()).isEqualTo("spec.schedule"));
    }
  }
}

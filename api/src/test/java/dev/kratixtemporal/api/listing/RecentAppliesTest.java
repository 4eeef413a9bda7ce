package dev.kratixtemporal.api.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What this process applied stays a list candidate for the window, then visibility alone decides. */
class RecentAppliesTest {
  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void anApplyIsACandidateForTheWindowOfItsLastApply() {
    TestClock clock = new TestClock();
    RecentApplies recent = new RecentApplies(Duration.ofSeconds(30), clock);
    recent.record("promise/a");
    clock.now = clock.now.plusSeconds(20);
    recent.record("resource/a/default/one");
    assertThat(recent.in(ListScope.promises())).containsExactly("promise/a");
    assertThat(recent.in(ListScope.requestsOf("a"))).containsExactly("resource/a/default/one");
    clock.now = clock.now.plusSeconds(11);
    assertThat(recent.in(ListScope.promises())).isEmpty();
    assertThat(recent.in(ListScope.requestsOf("a"))).containsExactly("resource/a/default/one");
    recent.record("promise/a");
    assertThat(recent.in(ListScope.promises())).containsExactly("promise/a");
  }

  @Test
  void aZeroWindowRemembersNothing() {
    RecentApplies recent = new RecentApplies(Duration.ZERO, new TestClock());
    recent.record("promise/a");
    assertThat(recent.in(ListScope.promises())).isEmpty();
  }
}

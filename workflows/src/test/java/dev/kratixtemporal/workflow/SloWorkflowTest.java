package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kratixtemporal.logic.slo.AlertState;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.slo.Slo;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SLO's workflow on Temporal's time-skipping test server: weeks pass in seconds, events are signalled at their
 * simulated times, and every number is checked against one worked out by hand (the arithmetic is in the comments).
 * Windows are counted in whole buckets (docs/slos.md): the 28-day window in its 112 newest 6-hour buckets, 3d in
 * hourly buckets, 6h in 5-minute buckets, 5m to 1h in one-minute buckets; a window (now - w, now] holds the buckets
 * that start in it.
 */
class SloWorkflowTest {
  /** Midnight: a multiple of every bucket size. */
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long MIN = 60_000;
  static final long DAY = 1440 * MIN;
  /** How long after an event its signal is sent (see observe). */
  static final long LATE = 1000;
  static final String SLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: %s}
      spec:
        indicator:
          metadata: {name: canary}
          spec:
            ratioMetric:
              good: {metricSource: {type: kratix, spec: {promise: slotest, sli: provisioning}}}
              total: {metricSource: {type: kratix, spec: {promise: slotest, sli: provisioning}}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.999}]
      """;

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = FakeWorld.start(TestEnvironmentOptions.newBuilder().setInitialTime(Instant.ofEpochMilli(T0)).build(),
        new FakeActivities(), SloWorkflowImpl.class, PromiseWorkflowImpl.class);
    client = env.getWorkflowClient();
    // The SLOs' Promise, not applied: there for them to tell (a missing one would be tried again hourly).
    WorkflowClient.start(client.newWorkflowStub(PromiseWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.promise("slotest")).setTaskQueue(WorkflowIds.TASK_QUEUE).build())::run,
        new PromiseWorkflowState());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private SloWorkflow startSlo(String name, int maxHistoryEvents) {
    SloWorkflowState state = SloWorkflowState.of(Slo.parse(KratixYaml.parseOne(SLO.formatted(name)), Map.of()));
    state.maxHistoryEvents = maxHistoryEvents;
    SloWorkflow stub = client.newWorkflowStub(SloWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.slo(name)).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(stub::run, state);
    return client.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo(name));
  }

  /** Simulated time moves to the instant (never back), the workflow having handled all that came before. */
  private void until(long at) {
    long wait = at - env.currentTimeMillis();
    if (wait > 0) env.sleep(Duration.ofMillis(wait));
  }

  /**
   * Sends the event a second after it happened, as a real sender would, and waits until the workflow has counted
   * it. The second matters to the test server: the workflow's timers fall on bucket boundaries, where the events
   * are; a signal handled in the same millisecond as a timer fires makes the workflow cancel a timer that has just
   * fired, which a real server answers by retrying the task but the time-skipping test server cannot recover from.
   */
  private void observe(SloWorkflow slo, long at, boolean good) {
    until(at + LATE);
    slo.observe(new Observation(at, good));
  }

  /**
   * The status once the workflow has handled what was sent at {@code at + LATE}: queried only when it is idle (a
   * second of simulated time later, no timer being due then), since a query while a workflow task is in flight
   * makes the test server force another task, which can race a continue-as-new.
   */
  private SloStatus statusAfter(SloWorkflow slo, long at) {
    until(at + LATE + 1000);
    return counted(slo, at + LATE);
  }

  private SloStatus counted(SloWorkflow slo, long at) {
    FakeWorld.await(() -> slo.status().evaluatedAt() >= at);
    return slo.status();
  }

  /** The alert changes after the first evaluation, as (minutes since T0, state). */
  private static List<String> changes(SloStatus status) {
    return status.alertChanges().stream().skip(1)
        .map(c -> (c.at() - T0) / MIN + "m " + c.state().name().toLowerCase()).toList();
  }

  /** Events every 5 minutes, k = from..to at T0 + 5k min, signalled a day at a time at the end of each day. */
  private void goodDays(SloWorkflow slo, int days) {
    for (int d = 1; d <= days; d++) {
      List<Observation> batch = new ArrayList<>();
      for (int k = 288 * (d - 1) + 1; k <= 288 * d; k++) batch.add(new Observation(T0 + 5 * k * MIN, true));
      until(T0 + d * DAY + LATE);
      slo.observeAll(batch);
    }
    statusAfter(slo, T0 + days * DAY);
  }

  @Test
  void twentyEightDaysPassInSeconds_theBudgetSpentAndRecoveredAsTheBadEventsLeave() {
    long wall = System.nanoTime();
    SloWorkflow slo = startSlo("slotest-month", 4000);
    // A canary every 5 minutes for 28 days: events k = 1..8064 at T0 + 5k min, the noon one (k = 144 of its day)
    // bad on days 1, 5, 9, 13, 17, 21 and 25: 7 bad. Sent a day at a time, at the end of each day.
    for (int d = 1; d <= 28; d++) {
      List<Observation> batch = new ArrayList<>();
      for (int k = 288 * (d - 1) + 1; k <= 288 * d; k++) {
        batch.add(new Observation(T0 + 5 * k * MIN, !(k == 288 * (d - 1) + 144 && d % 4 == 1)));
      }
      until(T0 + d * DAY + LATE);
      slo.observeAll(batch);
    }
    SloStatus s = statusAfter(slo, T0 + 28 * DAY);
    // At T0 + 28d the window is the 6h buckets starting in (T0, T0 + 28d]: the first one, [T0, T0 + 6h) with
    // events 1..71, has left. 8064 - 71 = 7993 events, the 7 noon failures among them.
    assertThat(s.totalEvents()).isEqualTo(7993);
    assertThat(s.goodEvents()).isEqualTo(7986);
    // SLI = 7986 / 7993 = 0.99912423; budget = 1 - (7 / 7993) / 0.001 = 1 - 0.87576629 = 0.12423371.
    assertThat(s.sli()).isCloseTo(0.999124234, within(1e-9));
    assertThat(s.errorBudgetRemaining()).isCloseTo(0.124233704, within(1e-9));
    // The last failure, day 25 at noon (T0 + 24d 12h), is older than 3 days: every burn rate is 0, ok.
    assertThat(s.burnRates()).containsOnlyKeys("5m", "30m", "1h", "6h", "3d").allSatisfy((w, r) -> assertThat(r).isZero());
    assertThat(s.alertState()).isEqualTo(AlertState.OK);

    // No more events. The workflow wakes each time the 28-day window lets a 6h bucket go while it holds failures;
    // the last failure's bucket, starting at T0 + 24d 12h, leaves it at T0 + 24d 12h + 28d = T0 + 52d 12h.
    until(T0 + 60 * DAY);
    SloStatus later = slo.status();
    assertThat(later.evaluatedAt() - T0).isBetween(52 * DAY + 12 * 60 * MIN, 52 * DAY + 12 * 60 * MIN + MIN);
    // Left then: the buckets starting in (T0 + 24d 12h, T0 + 52d 12h], i.e. the events from T0 + 24d 18h to the last
    // one at T0 + 28d: 78 hours, 78 * 12 + 1 = 937 events, all good; the whole budget is back.
    assertThat(later.totalEvents()).isEqualTo(937);
    assertThat(later.goodEvents()).isEqualTo(937);
    assertThat(later.sli()).isEqualTo(1.0);
    assertThat(later.errorBudgetRemaining()).isEqualTo(1.0);
    assertThat(changes(later)).isEmpty();
    double seconds = (System.nanoTime() - wall) / 1e9;
    System.out.printf("SloWorkflowTest: 60 simulated days in %.1f s%n", seconds);
    assertThat(seconds).isLessThan(60);
  }

  /**
   * (b) and (c): four good weeks, then a canary every 5 minutes of which every 50th fails: 2% of runs at a 99.9%
   * objective, a burn rate of 20. With one run per 5 minutes, the 1h window holds 12 runs, so a single failure
   * burns at (1/12) / 0.001 = 83x there and at 1000x over 5m: each failure pages at once (a ticket cannot come
   * first at this cadence; pagesAfterATicket shows that order). Then:
   * - 5 minutes on, 5m has no failure, but 30m (6 runs, 1 bad: 167x) and 6h (at least 1 bad of 72: 13.9x) are both
   *   above 6: still page;
   * - 30 minutes on, 30m has no failure: 3d (at least 1 bad of 864: 1.16x) and 6h are above 1: ticket;
   * - the next failure comes 250 minutes later, while 6h still holds the last (360 > 250): page again.
   * The failures stop after the 9th; with no events at all the timers bring it back: 30 minutes after the last
   * failure to ticket, and 6 hours after it, when 6h has emptied, to ok.
   */
  @Test
  void aCanaryFailingTwoPercentSpendsTheBudgetAndPages_thenRecovers() {
    SloWorkflow slo = startSlo("slotest-canary", 600);
    goodDays(slo, 28);
    long f0 = T0 + 28 * DAY;
    Long exhaustedAt = null;
    // Canary runs j = 1..450 at f0 + 5j min, run j failing when j % 50 == 0: 9 failures, the last at f0 + 2250 min.
    for (int j = 1; j <= 450; j++) {
      observe(slo, f0 + 5 * j * MIN, j % 50 != 0);
      long u = 5L * j;
      if (u < 2000) continue;
      // From the 8th failure on, the status after every run.
      SloStatus s = statusAfter(slo, f0 + u * MIN);
      if (exhaustedAt == null && s.errorBudgetRemaining() <= 0) exhaustedAt = (s.evaluatedAt() - f0) / MIN;
      // The 28-day window at f0 + u holds 7993 + (u mod 360) / 5 events (its oldest 6h bucket leaves whole every
      // 6 hours), with the failures so far.
      if (u == 2000) {
        // 8 failures, 7993 + 200/5 = 8033 events: 1 - 8000/8033 = 0.0041081.
        assertThat(s.totalEvents()).isEqualTo(8033);
        assertThat(s.errorBudgetRemaining()).isCloseTo(0.004108054, within(1e-9));
      } else if (u == 2155) {
        // 8 failures, 7993 + 355/5 = 8064 events: 1 - 8000/8064 = 0.0079365.
        assertThat(s.errorBudgetRemaining()).isCloseTo(0.007936508, within(1e-9));
      } else if (u == 2160) {
        // A 6h bucket of good events left: 8 failures of 7993: 1 - 8000/7993 = -0.00087576.
        assertThat(s.errorBudgetRemaining()).isCloseTo(-0.000875766, within(1e-9));
      } else if (u == 2250) {
        // The 9th failure, 7993 + 90/5 = 8011 events: 1 - 9000/8011 = -0.1234552.
        assertThat(s.errorBudgetRemaining()).isCloseTo(-0.123455249, within(1e-9));
        // Over 5m: 1 run, bad: 1000x. 30m: 6 runs: 166.7x. 1h: 12: 83.3x. 6h: 72 runs with the failures at 2000 and
        // 2250: 27.8x. 3d: hourly buckets starting in (f0 + 37.5h - 72h, f0 + 37.5h] = (f0 - 34.5h, ...]: runs
        // from f0 - 34h to f0 + 37.5h, 71.5h * 12 + 1 = 859, the 9 failures among them: (9/859) / 0.001 = 10.477x.
        assertThat(s.burnRates().get("5m")).isCloseTo(1000, within(1e-6));
        assertThat(s.burnRates().get("30m")).isCloseTo(166.6666667, within(1e-6));
        assertThat(s.burnRates().get("1h")).isCloseTo(83.3333333, within(1e-6));
        assertThat(s.burnRates().get("6h")).isCloseTo(27.7777778, within(1e-6));
        assertThat(s.burnRates().get("3d")).isCloseTo(10.4772992, within(1e-6));
        assertThat(s.alertState()).isEqualTo(AlertState.PAGE);
      }
    }
    // Before the 8th failure at most 7 of at least 7993 events are bad: 1 - 7000/7993 > 0.
    // Budget exhausted (at most 0 left) first at f0 + 2160 min = 36 h: 8 failures are 1000 * 8 / total of the
    // budget, over 100% once the window holds fewer than 8000 events, which happens when the 6h bucket leaves at
    // u = 2160 (u mod 360 = 0: 7993 events). With exact windows it would be the 9th failure, at 37.5 h; a steady
    // 20x burn spends a 28-day budget in 28d / 20 = 33.6 h.
    assertThat(exhaustedAt).isEqualTo(2160);

    // (c) No more runs: 7 hours pass.
    until(f0 + 2250 * MIN + 7 * 60 * MIN);
    SloStatus end = slo.status();
    List<String> expected = new ArrayList<>();
    for (int m = 1; m <= 9; m++) {
      long failure = 28 * 1440 + 250L * m;
      expected.add(failure + "m page");
      if (m < 9) expected.add(failure + 30 + "m ticket");
    }
    expected.add(28 * 1440 + 2250 + 30 + "m ticket");
    expected.add(28 * 1440 + 2250 + 360 + "m ok");
    assertThat(changes(end)).containsExactlyElementsOf(expected);
    assertThat(end.alertState()).isEqualTo(AlertState.OK);
    assertThat(end.alertSince() - f0).isBetween(2610 * MIN, 2611 * MIN);
    assertThat(end.burnRates().get("6h")).isZero();

    // It continued as new (every 600 history events) and carried its buckets through: the numbers above are
    // read from the latest run.
    var history = client.fetchHistory(WorkflowIds.slo("slotest-canary"));
    assertThat(history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId()).isNotEmpty();
    assertThat(history.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED))
        .isNotEmpty();
  }

  /**
   * (b) with the order ok -> ticket -> page: a canary every 30 seconds, so the 1h window holds about 120 runs and
   * one failure alone burns at most (1/119) / 0.001 = 8.4x there. One hour of good runs, then every 50th fails.
   * Runs k = 1, 2, ... at T0 + 30k s; failures at k = 170, 220, 270, ... (T0 + 85, 110, 135 min).
   */
  @Test
  void pagesAfterATicket_whenTheCanaryRunsOftenEnough() {
    SloWorkflow slo = startSlo("slotest-often", 4000);
    for (int k = 1; k <= 400; k++) {
      observe(slo, T0 + k * MIN / 2, k <= 120 || (k - 120) % 50 != 0);
    }
    SloStatus s = statusAfter(slo, T0 + 400 * MIN / 2);
    // At 85 min (k = 170, the first failure): 6h and 3d hold all 170 runs: (1/170) / 0.001 = 5.9x, above 1 but not
    // above 6; 1h holds the one-minute buckets starting in (25, 85] min: runs 52..170, 119, so 8.4x, not above 14.4:
    // ticket.
    // At 110 min (k = 220): 1h holds runs 102..220 with 2 failures: (2/119) / 0.001 = 16.8x; 5m holds the buckets
    // starting in (105, 110] min: runs 212..220, 1 bad of 9: 111x: page.
    // From then on 30m always holds a failure (they come every 25 min): 1 of 59 runs = 16.9x > 6, and 6h stays above
    // 6 (at its lowest, just before the third failure: 2 of 269 runs, 7.4x): page until the end (200 min).
    assertThat(changes(s)).containsExactly("85m ticket", "110m page");
    assertThat(s.alertState()).isEqualTo(AlertState.PAGE);
  }

  /**
   * Timeslices through the workflow: a 1h window at 90%, 5-minute slices good when at least half their events are.
   * Events: 1 and 2 min good (slice [0, 5): good); 6 and 7 min bad, 8 min good (slice [5, 10): 1 of 3, bad);
   * 16 min good (slice [15, 20): good). Each slice is judged when it ends (a timer), dated at its last millisecond.
   * With -Drecord.histories=DIR the history is saved for HistoryReplayTest.
   */
  @Test
  void timeslicesAreJudgedAsTheyEnd_andDeleteEndsTheWorkflow() {
    String yaml = SLO.formatted("slotest-slices").replace("duration: 28d", "duration: 1h")
        .replace("budgetingMethod: Occurrences", "budgetingMethod: Timeslices")
        .replace("objectives: [{target: 0.999}]",
            "objectives: [{target: 0.9, timeSliceTarget: 0.5, timeSliceWindow: 5m}]");
    SloWorkflowState state = SloWorkflowState.of(Slo.parse(KratixYaml.parseOne(yaml), Map.of()));
    SloWorkflow start = client.newWorkflowStub(SloWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.slo("slotest-slices")).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
    WorkflowClient.start(start::run, state);
    SloWorkflow slo = client.newWorkflowStub(SloWorkflow.class, WorkflowIds.slo("slotest-slices"));
    long[][] events = {{1, 1}, {2, 1}, {6, 0}, {7, 0}, {8, 1}, {16, 1}};
    for (long[] e : events) observe(slo, T0 + e[0] * MIN, e[1] == 1);
    // The last slice ends at 20 min: the workflow's timer judges it then.
    until(T0 + 21 * MIN);
    SloStatus s = counted(slo, T0 + 20 * MIN);
    // Three slices judged, two good: SLI 2/3, budget 1 - (1/3) / 0.1 = -2.3333.
    assertThat(s.totalEvents()).isEqualTo(3);
    assertThat(s.goodEvents()).isEqualTo(2);
    assertThat(s.sli()).isCloseTo(0.6666667, within(1e-6));
    assertThat(s.errorBudgetRemaining()).isCloseTo(-2.3333333, within(1e-6));
    // 5m holds the good slice judged at 20 min: 0. 30m holds all three: (1/3) / 0.1 = 3.33, as do 1h, 6h and 3d.
    assertThat(s.burnRates().get("5m")).isZero();
    assertThat(s.burnRates().get("30m")).isCloseTo(3.3333333, within(1e-6));
    // The bad slice, judged at 10 min, burned 5m at 10x and 30m to 3d at (1/2) / 0.1 = 5x: above 1 but not 6 or
    // 14.4: ticket at 10 min. It leaves the 6h window (five-minute buckets; it is dated 9:59.999, bucket 5 min) at
    // 6h 5min = 365 min: ok.
    until(T0 + 7 * 60 * MIN);
    assertThat(changes(slo.status())).containsExactly("10m ticket", "365m ok");

    slo.delete();
    client.newUntypedWorkflowStub(WorkflowIds.slo("slotest-slices")).getResult(Void.class);
    FakeWorld.recordHistory(env, WorkflowIds.slo("slotest-slices"), "slo-timeslices");
  }

  /**
   * Applying the SLO again: a new target and Promise keep the events counted so far and judge them anew; another
   * window starts them afresh. The totals since creation (Prometheus counters) never go back.
   */
  @Test
  void applyingAgainKeepsTheEventsUnderTheSameWindow_andStartsAfreshUnderAnother() {
    SloWorkflow slo = startSlo("slotest-apply", 4000);
    observe(slo, T0 + MIN, true);
    observe(slo, T0 + 2 * MIN, false);
    SloStatus before = statusAfter(slo, T0 + 2 * MIN);
    assertThat(before.totalEvents()).isEqualTo(2);
    // 1 bad of 2 against 0.999: 1 - 0.5 / 0.001 = -499.
    assertThat(before.errorBudgetRemaining()).isCloseTo(-499, within(1e-6));

    String changed = SLO.formatted("slotest-apply").replace("target: 0.999", "target: 0.5")
        .replace("promise: slotest", "promise: slotest-other");
    until(T0 + 5 * MIN + LATE);
    slo.apply(Slo.parse(KratixYaml.parseOne(changed), Map.of()));
    SloStatus kept = statusAfter(slo, T0 + 5 * MIN);
    assertThat(kept.promise()).isEqualTo("slotest-other");
    assertThat(kept.objective()).isEqualTo(0.5);
    assertThat(kept.totalEvents()).isEqualTo(2);
    assertThat(kept.goodEvents()).isEqualTo(1);
    // 1 bad of 2 against 0.5: the budget is exactly spent.
    assertThat(kept.errorBudgetRemaining()).isCloseTo(0, within(1e-9));

    until(T0 + 8 * MIN + LATE);
    slo.apply(Slo.parse(KratixYaml.parseOne(changed.replace("duration: 28d", "duration: 7d")), Map.of()));
    observe(slo, T0 + 9 * MIN, true);
    SloStatus afresh = statusAfter(slo, T0 + 9 * MIN);
    assertThat(afresh.totalEvents()).isEqualTo(1);
    assertThat(afresh.sli()).isEqualTo(1.0);
    assertThat(afresh.errorBudgetRemaining()).isEqualTo(1.0);
    assertThat(afresh.goodTotal()).isEqualTo(2);
    assertThat(afresh.eventsTotal()).isEqualTo(3);

    slo.delete();
    client.newUntypedWorkflowStub(WorkflowIds.slo("slotest-apply")).getResult(Void.class);
    FakeWorld.recordHistory(env, WorkflowIds.slo("slotest-apply"), "slo-applied-again");
  }
}

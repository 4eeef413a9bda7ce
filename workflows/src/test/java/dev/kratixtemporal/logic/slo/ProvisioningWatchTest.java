package dev.kratixtemporal.logic.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.slo.SloRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One generation, measured once per provisioning SLO, each with its own threshold. */
class ProvisioningWatchTest {
  static final long MIN = 60_000;
  static final List<SloRef> SLOS = List.of(new SloRef("fast", "provisioning", 5 * MIN),
      new SloRef("slow", "provisioning", 30 * MIN), new SloRef("runs", "pipeline", 0));

  @Test
  void aGenerationReconciledBetweenTwoThresholdsIsBadForOneAtItsThresholdAndGoodForTheOther() {
    ProvisioningWatch w = new ProvisioningWatch();
    w.applied(1, 1000);
    assertThat(w.nextDeadline(SLOS)).isEqualTo(1000 + 5 * MIN);
    assertThat(w.overdue(SLOS, 1000 + 5 * MIN - 1)).isEmpty();
    assertThat(w.overdue(SLOS, 1000 + 5 * MIN)).containsExactly(new ProvisioningWatch.Event("fast", 1000 + 5 * MIN, false));
    assertThat(w.nextDeadline(SLOS)).isEqualTo(1000 + 30 * MIN);
    // Reconciled at 12 minutes: fast counted already, slow good.
    assertThat(w.reconciled(1, SLOS, 1000 + 12 * MIN))
        .containsExactly(new ProvisioningWatch.Event("slow", 1000 + 12 * MIN, true));
    assertThat(w.nextDeadline(SLOS)).isZero();
    assertThat(w.reconciled(1, SLOS, 1000 + 13 * MIN)).isEmpty();
  }

  @Test
  void anOlderGenerationReconciledCountsNothingAndNoProvisioningSloMeansNoTimer() {
    ProvisioningWatch w = new ProvisioningWatch();
    w.applied(2, 0);
    assertThat(w.reconciled(1, SLOS, MIN)).isEmpty();
    assertThat(w.reconciled(2, SLOS, 5 * MIN)).extracting(ProvisioningWatch.Event::good).containsExactly(true, true);
    w.applied(3, 0);
    assertThat(w.nextDeadline(List.of(new SloRef("runs", "pipeline", 0)))).isZero();
    assertThat(w.nextDeadline(null)).isZero();
  }
}

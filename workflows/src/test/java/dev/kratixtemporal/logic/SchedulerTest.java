package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.SourcedSelector;
import dev.kratixtemporal.model.StoreRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static Destination dest(String name, Map<String, String> labels, boolean strict) {
    return new Destination(name, labels, name, new StoreRef("GitStateStore", "default"), strict,
        Destination.NESTED, "aggregated.yaml", "none", true);
  }

  private static SourcedSelector sel(String source, Map<String, String> labels) {
    return new SourcedSelector(labels, source);
  }

  @Test
  void promiseSelectorBeatsBothWorkflowSelectorsOnConflictingKey() {
    // Listed highest priority first, so list order cannot be what decides.
    Map<String, String> merged = Scheduler.merge(List.of(
        sel(SourcedSelector.PROMISE, Map.of("env", "promise")),
        sel(SourcedSelector.PROMISE_WORKFLOW, Map.of("env", "promise-workflow")),
        sel(SourcedSelector.RESOURCE_WORKFLOW, Map.of("env", "resource-workflow"))));

    assertThat(merged).containsExactlyEntriesOf(Map.of("env", "promise"));
  }

  @Test
  void promiseWorkflowSelectorBeatsResourceWorkflowSelectorOnConflictingKey() {
    Map<String, String> merged = Scheduler.merge(List.of(
        sel(SourcedSelector.PROMISE_WORKFLOW, Map.of("env", "promise-workflow")),
        sel(SourcedSelector.RESOURCE_WORKFLOW, Map.of("env", "resource-workflow"))));

    assertThat(merged).containsExactlyEntriesOf(Map.of("env", "promise-workflow"));
  }

  @Test
  void mergeKeepsNonConflictingKeysFromEverySource() {
    Map<String, String> merged = Scheduler.merge(List.of(
        sel(SourcedSelector.RESOURCE_WORKFLOW, Map.of("env", "rw", "region", "eu")),
        sel(SourcedSelector.PROMISE_WORKFLOW, Map.of("tier", "gold")),
        sel(SourcedSelector.PROMISE, Map.of("env", "p"))));

    assertThat(merged).isEqualTo(Map.of("env", "p", "region", "eu", "tier", "gold"));
  }

  @Test
  void mergeOfNoSelectorsIsEmpty() {
    assertThat(Scheduler.merge(List.of())).isEmpty();
  }

  @Test
  void destinationMatchesWhenItHasAllSelectorLabelsPlusExtras() {
    Destination d = dest("worker", Map.of("env", "dev", "region", "eu", "extra", "x"), false);

    assertThat(Scheduler.matches(d, Map.of("env", "dev", "region", "eu"))).isTrue();
  }

  @Test
  void destinationMissingOneSelectorLabelDoesNotMatch() {
    Destination d = dest("worker", Map.of("env", "dev"), false);

    assertThat(Scheduler.matches(d, Map.of("env", "dev", "region", "eu"))).isFalse();
  }

  @Test
  void destinationWithDifferentLabelValueDoesNotMatch() {
    Destination d = dest("worker", Map.of("env", "prod", "region", "eu"), false);

    assertThat(Scheduler.matches(d, Map.of("env", "dev", "region", "eu"))).isFalse();
  }

  @Test
  void emptySelectorMatchesNonStrictDestinationWithLabels() {
    assertThat(Scheduler.matches(dest("worker", Map.of("env", "dev"), false), Map.of())).isTrue();
  }

  @Test
  void emptySelectorExcludesStrictDestinationThatHasLabels() {
    assertThat(Scheduler.matches(dest("worker", Map.of("env", "dev"), true), Map.of())).isFalse();
  }

  @Test
  void emptySelectorIncludesStrictDestinationWithoutLabels() {
    assertThat(Scheduler.matches(dest("worker", Map.of(), true), Map.of())).isTrue();
  }

  @Test
  void nonEmptySelectorMatchesStrictDestinationWithThoseLabels() {
    assertThat(Scheduler.matches(dest("worker", Map.of("env", "dev"), true), Map.of("env", "dev"))).isTrue();
  }

  @Test
  void candidatesAreMatchingDestinationsSortedByName() {
    List<Destination> all = List.of(
        dest("zeta", Map.of("env", "dev"), false),
        dest("alpha", Map.of("env", "dev"), false),
        dest("prod", Map.of("env", "prod"), false),
        dest("mid", Map.of("env", "dev", "region", "eu"), false));

    List<Destination> out = Scheduler.candidates(all,
        List.of(sel(SourcedSelector.PROMISE, Map.of("env", "dev"))));

    assertThat(out).extracting(Destination::name).containsExactly("alpha", "mid", "zeta");
  }

  @Test
  void candidatesUseTheMergedSelector() {
    List<Destination> all = List.of(dest("dev", Map.of("env", "dev"), false), dest("prod", Map.of("env", "prod"), false));

    List<Destination> out = Scheduler.candidates(all, List.of(
        sel(SourcedSelector.RESOURCE_WORKFLOW, Map.of("env", "dev")),
        sel(SourcedSelector.PROMISE, Map.of("env", "prod"))));

    assertThat(out).extracting(Destination::name).containsExactly("prod");
  }

  @Test
  void candidatesWithNoSelectorsSkipOnlyLabelledStrictDestinations() {
    List<Destination> all = List.of(
        dest("strict-labelled", Map.of("env", "dev"), true),
        dest("strict-bare", Map.of(), true),
        dest("loose", Map.of("env", "dev"), false));

    assertThat(Scheduler.candidates(all, List.of())).extracting(Destination::name)
        .containsExactly("loose", "strict-bare");
  }

  @Test
  void candidatesEmptyWhenNothingMatches() {
    List<Destination> all = List.of(dest("dev", Map.of("env", "dev"), false));

    assertThat(Scheduler.candidates(all, List.of(sel(SourcedSelector.PROMISE, Map.of("env", "prod"))))).isEmpty();
  }
}

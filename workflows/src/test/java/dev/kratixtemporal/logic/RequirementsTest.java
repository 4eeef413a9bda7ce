package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.PromiseSnapshot;
import dev.kratixtemporal.model.Promise.RequiredPromise;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsTest {
  private static PromiseSnapshot promise(boolean available, String... versions) {
    return new PromiseSnapshot(true, available, 1, null, List.of(versions));
  }

  private static String stateOf(RequiredPromise r, PromiseSnapshot p) {
    return Requirements.evaluate(List.of(r), p == null ? Map.of() : Map.of(r.name(), p)).get(0).state();
  }

  @Test
  void eachStateHasKratixsWords() {
    RequiredPromise v1 = new RequiredPromise("sub", "v1.0.0");
    assertThat(stateOf(v1, null)).isEqualTo("Requirement not installed");
    assertThat(stateOf(v1, PromiseSnapshot.missing())).isEqualTo("Requirement not installed");
    assertThat(stateOf(v1, promise(true, "v0.9.0"))).isEqualTo("Requirement not installed at the specified version");
    assertThat(stateOf(v1, promise(false, "v1.0.0"))).isEqualTo("Requirement not available");
    assertThat(stateOf(v1, promise(true, "v1.0.0"))).isEqualTo("Requirement installed");
  }

  @Test
  void aVersionOnceAppliedStaysSatisfiedAndAnEmptyVersionMeansAny() {
    assertThat(stateOf(new RequiredPromise("sub", "v1.0.0"), promise(true, "v1.0.0", "v2.0.0"))).isEqualTo("Requirement installed");
    assertThat(stateOf(new RequiredPromise("sub", ""), promise(true, "not-set"))).isEqualTo("Requirement installed");
  }

  @Test
  void allInstalledOnlyWhenEveryRequirementIs() {
    var statuses = Requirements.evaluate(List.of(new RequiredPromise("a", ""), new RequiredPromise("b", "")),
        Map.of("a", promise(true, "x")));
    assertThat(Requirements.allInstalled(statuses)).isFalse();
    assertThat(Requirements.allInstalled(List.of())).isTrue();
  }
}

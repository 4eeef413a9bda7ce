package dev.kratixtemporal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing samples skip a developer's test and fail CI's, both saying where they were looked for. */
class KratixSamplesTest {
  private static final Path NOWHERE = Path.of("/nonexistent/kratix-samples");

  @Test
  void missingSamplesFailOnCi() {
    assertThatThrownBy(() -> KratixSamples.requirePresent(NOWHERE, false, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true").hasMessageContaining("/nonexistent/kratix-samples");
  }

  @Test
  void missingSamplesSkipForADeveloper() {
    assertThatThrownBy(() -> KratixSamples.requirePresent(NOWHERE, false, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("skipped").hasMessageContaining("/nonexistent/kratix-samples");
  }

  @Test
  void presentSamplesNeitherSkipNorFail() {
    KratixSamples.requirePresent(NOWHERE, true, true);
    assertThat(KratixSamples.location()).isNotNull();
  }
}

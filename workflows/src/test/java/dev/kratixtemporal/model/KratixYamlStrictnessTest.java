package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A key given twice is an error, in YAML and in JSON, as for the Kubernetes API server. */
class KratixYamlStrictnessTest {

  @Test
  void aYamlKeyGivenTwiceIsRefusedWithItsLine() {
    assertThatThrownBy(() -> KratixYaml.parseAll("kind: A\nspec:\n  path: a\n  path: ../b\n"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("not valid YAML or JSON: found duplicate key path (line 4)");
  }

  @Test
  void aJsonKeyGivenTwiceIsRefused() {
    assertThatThrownBy(() -> KratixYaml.parseAll("{\"kind\": \"A\", \"kind\": \"B\"}"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("duplicate key kind");
    assertThatThrownBy(() -> KratixYaml.JSON.readTree("{\"kind\": \"A\", \"kind\": \"B\"}"))
        .hasMessageContaining("Duplicate field 'kind'");
  }

  @Test
  void mergeKeysMayStillBeOverridden() {
    // YAML merge keys are not duplicates: the mapping's own key wins (the aws-rds sample relies on this).
    var doc = KratixYaml.parseOne("base: &b {a: 1, c: 3}\nx:\n  <<: *b\n  a: 2\n");
    assertThat(doc.path("x").path("a").asInt()).isEqualTo(2);
    assertThat(doc.path("x").path("c").asInt()).isEqualTo(3);
  }
}

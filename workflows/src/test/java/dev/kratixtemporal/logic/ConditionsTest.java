package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final String T1 = "2024-01-01T00:00:00Z";
  private static final String T2 = "2024-01-01T00:05:00Z";
  private static final String T3 = "2024-01-01T00:10:00Z";

  @Test
  void newConditionGetsAllFieldsAndTransitionTime() {
    ObjectNode status = Docs.newObject();

    Conditions.set(status, Conditions.RECONCILED, "True", "Reconciled", "Reconciled", T1);

    JsonNode c = Conditions.get(status, Conditions.RECONCILED);
    assertThat(c.path("type").asText()).isEqualTo("Reconciled");
    assertThat(c.path("status").asText()).isEqualTo("True");
    assertThat(c.path("reason").asText()).isEqualTo("Reconciled");
    assertThat(c.path("message").asText()).isEqualTo("Reconciled");
    assertThat(c.path("lastTransitionTime").asText()).isEqualTo(T1);
  }

  @Test
  void transitionTimeStaysWhenStatusUnchangedButReasonAndMessageUpdate() {
    ObjectNode status = Docs.newObject();
    Conditions.set(status, Conditions.READY, "False", "Pending", "first", T1);

    Conditions.set(status, Conditions.READY, "False", "StillPending", "second", T2);

    JsonNode c = Conditions.get(status, Conditions.READY);
    assertThat(c.path("lastTransitionTime").asText()).isEqualTo(T1);
    assertThat(c.path("reason").asText()).isEqualTo("StillPending");
    assertThat(c.path("message").asText()).isEqualTo("second");
  }

  @Test
  void transitionTimeMovesWhenStatusFlips() {
    ObjectNode status = Docs.newObject();
    Conditions.set(status, Conditions.READY, "False", "Pending", "m", T1);

    Conditions.set(status, Conditions.READY, "True", "Ready", "m", T2);
    assertThat(Conditions.get(status, Conditions.READY).path("lastTransitionTime").asText()).isEqualTo(T2);

    Conditions.set(status, Conditions.READY, "Unknown", "Ready", "m", T3);
    assertThat(Conditions.get(status, Conditions.READY).path("lastTransitionTime").asText()).isEqualTo(T3);
  }

  @Test
  void settingATypeTwiceKeepsOneEntry() {
    ObjectNode status = Docs.newObject();
    Conditions.set(status, Conditions.READY, "False", "a", "a", T1);
    Conditions.set(status, Conditions.AVAILABLE, "True", "b", "b", T1);

    Conditions.set(status, Conditions.READY, "True", "c", "c", T2);

    assertThat(status.get("conditions")).hasSize(2);
  }

  @Test
  void isTrueOnlyForStatusTrue() {
    ObjectNode status = Docs.newObject();
    Conditions.set(status, "A", "True", "r", "m", T1);
    Conditions.set(status, "B", "False", "r", "m", T1);

    assertThat(Conditions.isTrue(status, "A")).isTrue();
    assertThat(Conditions.isTrue(status, "B")).isFalse();
    assertThat(Conditions.isTrue(status, "Missing")).isFalse();
  }

  @Test
  void getReturnsNullForMissingType() {
    assertThat(Conditions.get(Docs.newObject(), "Ready")).isNull();
  }

  @Test
  void removeDropsOnlyThatType() {
    ObjectNode status = Docs.newObject();
    Conditions.set(status, "A", "True", "r", "m", T1);
    Conditions.set(status, "B", "True", "r", "m", T1);

    Conditions.remove(status, "A");

    assertThat(Conditions.get(status, "A")).isNull();
    assertThat(Conditions.get(status, "B")).isNotNull();
  }
}

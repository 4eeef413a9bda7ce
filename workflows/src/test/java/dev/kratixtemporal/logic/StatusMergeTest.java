package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

class StatusMergeTest {

  private static ObjectNode yaml(String text) {
    return KratixYaml.parseOne(text);
  }

  @Test
  void incomingKeysOverwriteExistingOnes() {
    ObjectNode status = yaml("message: Pending\nkeep: me\n");

    StatusMerge.merge(status, yaml("message: done\nextra: 1\n"));

    assertThat(status.path("message").asText()).isEqualTo("done");
    assertThat(status.path("keep").asText()).isEqualTo("me");
    assertThat(status.path("extra").asInt()).isEqualTo(1);
  }

  @Test
  void mergeIsShallowNestedMapsAreReplacedWhole() {
    ObjectNode status = yaml("connection:\n  host: a\n  port: 1\n");

    StatusMerge.merge(status, yaml("connection:\n  host: b\n"));

    assertThat(status.get("connection")).isEqualTo(yaml("host: b\n"));
  }

  @Test
  void conditionsAreMergedByType() {
    ObjectNode status = yaml("""
        conditions:
          - {type: Ready, status: "True", reason: Fine}
          - {type: Custom, status: "False", reason: Old}
        """);

    StatusMerge.merge(status, yaml("""
        conditions:
          - {type: Custom, status: "True", reason: New}
          - {type: Extra, status: "True", reason: Added}
        """));

    JsonNode conditions = status.get("conditions");
    assertThat(conditions).hasSize(3);
    assertThat(Conditions.get(status, "Ready").path("reason").asText()).isEqualTo("Fine");
    assertThat(Conditions.get(status, "Custom").path("status").asText()).isEqualTo("True");
    assertThat(Conditions.get(status, "Custom").path("reason").asText()).isEqualTo("New");
    assertThat(Conditions.get(status, "Extra").path("reason").asText()).isEqualTo("Added");
  }

  @Test
  void conditionsAddedWhenStatusHadNone() {
    ObjectNode status = yaml("message: x\n");

    StatusMerge.merge(status, yaml("conditions:\n  - {type: Custom, status: \"True\"}\n"));

    assertThat(Conditions.isTrue(status, "Custom")).isTrue();
  }

  @Test
  void topLevelKratixKeyIsRejectedAndStatusUntouched() {
    ObjectNode status = yaml("message: Pending\n");
    ObjectNode before = status.deepCopy();

    assertThatThrownBy(() -> StatusMerge.merge(status, yaml("message: hacked\nkratix:\n  workflows: {}\n")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("kratix");
    assertThat(status).isEqualTo(before);
  }

  @Test
  void nestedKratixKeyIsAllowed() {
    ObjectNode status = yaml("{}");

    StatusMerge.merge(status, yaml("app:\n  kratix: fine\n"));

    assertThat(status.path("app").path("kratix").asText()).isEqualTo("fine");
  }

  @Test
  void nonMappingStatusFileIsRejected() {
    JsonNode list = KratixYaml.JSON.createArrayNode().add("a");

    assertThatThrownBy(() -> StatusMerge.merge(yaml("{}"), list)).isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void missingStatusFileChangesNothing() {
    ObjectNode status = yaml("message: Pending\n");

    StatusMerge.merge(status, null);

    assertThat(status).isEqualTo(yaml("message: Pending\n"));
  }

  @Test
  void mergedValuesAreCopiesNotShared() {
    ObjectNode status = yaml("{}");
    ObjectNode incoming = yaml("nested:\n  a: 1\n");

    StatusMerge.merge(status, incoming);
    ((ObjectNode) incoming.get("nested")).put("a", 2);

    assertThat(status.path("nested").path("a").asInt()).isEqualTo(1);
  }
}

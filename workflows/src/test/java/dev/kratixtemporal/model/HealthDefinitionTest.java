package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HealthDefinitionTest {
  static final String GOOD = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: HealthDefinition
      metadata: {name: db-check, namespace: team-a}
      spec:
        resourceRef: {name: db, namespace: team-a}
        promiseRef: {name: postgres}
        schedule: "*/5 * * * *"
        input: |
          endpoint: db.team-a
        workflow:
          apiVersion: platform.kratix.io/v1alpha1
          kind: Pipeline
          metadata: {name: check}
          spec:
            containers:
              - name: probe
                image: busybox
      """;

  private static ObjectNode doc(String yaml) {
    return KratixYaml.parseAll(yaml).get(0);
  }

  @Test
  void parsesEveryField() {
    HealthDefinition d = HealthDefinition.parse(doc(GOOD));
    assertThat(d.name()).isEqualTo("db-check");
    assertThat(d.namespace()).isEqualTo("team-a");
    assertThat(d.promiseName()).isEqualTo("postgres");
    assertThat(d.resourceName()).isEqualTo("db");
    assertThat(d.resourceNamespace()).isEqualTo("team-a");
    assertThat(d.schedule().expression()).isEqualTo("*/5 * * * *");
    assertThat(d.input().path("endpoint").asText()).isEqualTo("db.team-a");
    assertThat(d.workflow().name()).isEqualTo("check");
    assertThat(d.workflow().containers()).hasSize(1);
  }

  @Test
  void resourceNamespaceDefaultsToTheDefinitionsOwn() {
    HealthDefinition d = HealthDefinition.parse(doc(GOOD.replace("resourceRef: {name: db, namespace: team-a}", "resourceRef: {name: db}")));
    assertThat(d.resourceNamespace()).isEqualTo("team-a");
  }

  @Test
  void eachFaultNamesItsField() {
    assertField(GOOD.replace("resourceRef: {name: db, namespace: team-a}", "resourceRef: {namespace: team-a}"),
        "spec.resourceRef.name");
    assertField(GOOD.replace("promiseRef: {name: postgres}", "promiseRef: {}"), "spec.promiseRef.name");
    assertField(GOOD.replace("\"*/5 * * * *\"", "\"every 5 minutes\""), "spec.schedule");
    assertField(GOOD.replace("schedule: \"*/5 * * * *\"", "schedule: 5"), "spec.schedule");
    assertField(GOOD.replace("endpoint: db.team-a", "- a list"), "spec.input");
    assertField(GOOD.replace("kind: Pipeline", "kind: Pipe"), "spec.workflow");
    assertField(GOOD.replace("image: busybox", "command: [sh]"), "spec.workflow.spec.containers[0].image");
    assertField(GOOD.replace("  schedule:", "  cron: x\n  schedule:"), "spec.cron");
    assertField(GOOD.substring(0, GOOD.indexOf("  workflow:")), "spec.workflow");
  }

  private static void assertField(String yaml, String field) {
    assertThatThrownBy(() -> HealthDefinition.parse(doc(yaml))).isInstanceOf(InvalidDocumentException.class)
        .satisfies(e -> assertThat(((InvalidDocumentException) e).field()).as(e.getMessage()).isEqualTo(field));
  }
}

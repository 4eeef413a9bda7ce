package dev.kratixtemporal.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.OutputFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which outputs of a resource's configure pipeline are HealthDefinitions, and what is left to deliver. */
class EmittedHealthDefinitionsTest {
  private static String definition(String name, String schedule) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthDefinition
        metadata: {name: %s}
        spec:
          resourceRef: {name: r}
          promiseRef: {name: p}
          schedule: "%s"
          workflow:
            apiVersion: platform.kratix.io/v1alpha1
            kind: Pipeline
            metadata: {name: probe}
            spec:
              containers: [{name: probe, image: ghcr.io/example/probe:v1}]
        """.formatted(name, schedule);
  }

  private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hd2-cm}\n";

  @Test
  void definitionsLeaveTheOutputsAndOtherDocumentsOfTheirFileStay() {
    List<OutputFile> files = List.of(
        new OutputFile("a/probe.yaml", definition("hd2-a", "*/5 * * * *")),
        new OutputFile("mixed.yaml", CONFIG_MAP + "---\n" + definition("hd2-b", "0 * * * *")),
        new OutputFile("notes.txt", "kind: HealthDefinition, platform.kratix.io/v1alpha1: [unclosed"),
        new OutputFile("plain.yaml", CONFIG_MAP));
    EmittedHealthDefinitions.Picked picked = EmittedHealthDefinitions.pick(files);
    assertThat(picked.definitions()).extracting(d -> d.path("metadata").path("name").asText())
        .containsExactly("hd2-a", "hd2-b");
    assertThat(picked.outputs()).extracting(OutputFile::path).containsExactly("mixed.yaml", "notes.txt", "plain.yaml");
    assertThat(KratixYaml.parseAll(picked.outputs().get(0).content())).singleElement()
        .satisfies(d -> assertThat(d.path("kind").asText()).isEqualTo("ConfigMap"));
    assertThat(picked.outputs().get(1)).isSameAs(files.get(2));
    assertThat(picked.outputs().get(2)).isSameAs(files.get(3));
  }

  @Test
  void anInvalidOrRepeatedDefinitionIsAnErrorNamingTheFileAndTheField() {
    assertThatThrownBy(() -> EmittedHealthDefinitions.pick(List.of(
        new OutputFile("probe.yaml", definition("hd2-bad", "every hour")))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("/kratix/output/probe.yaml").hasMessageContaining("hd2-bad")
        .hasMessageContaining("spec.schedule");
    assertThatThrownBy(() -> EmittedHealthDefinitions.pick(List.of(
        new OutputFile("one.yaml", definition("hd2-twice", "* * * * *")),
        new OutputFile("two.yaml", definition("hd2-twice", "* * * * *")))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("/kratix/output/two.yaml").hasMessageContaining("more than once");
  }
}

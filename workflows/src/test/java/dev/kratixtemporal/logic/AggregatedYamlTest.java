package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.KratixYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatedYamlTest {
  private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: aggregate-test-ns\n";
  private static final String CM1 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: req-1\n";
  private static final String CM2 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: req-2\n";

  @Test
  void placementsAreSortedByNameAndSeparatedByDashes() {
    String file = AggregatedYaml.merge(null, "req-2.dest-abcde", List.of(CM2));
    file = AggregatedYaml.merge(file, "aggregate-promise.dest-5058f", List.of(NS));
    file = AggregatedYaml.merge(file, "req-1.dest-12345", List.of(CM1));

    assertThat(names(file)).containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-1", "ConfigMap:req-2");
    assertThat(file).contains("name: aggregate-test-ns\n---\n# kratix.io/work-placement: req-1.dest-12345\n");
  }

  @Test
  void aPlacementIsReplacedAndThenRemoved() {
    String file = AggregatedYaml.merge(null, "a", List.of(CM1));
    file = AggregatedYaml.merge(file, "b", List.of(CM2, NS));
    file = AggregatedYaml.merge(file, "a", List.of(NS));
    assertThat(names(file)).containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-2", "Namespace:aggregate-test-ns");

    file = AggregatedYaml.merge(file, "a", List.of());
    assertThat(names(file)).containsExactly("ConfigMap:req-2", "Namespace:aggregate-test-ns");
  }

  @Test
  void removingTheLastPlacementRemovesTheFile() {
    String file = AggregatedYaml.merge(null, "a", List.of(CM1));
    assertThat(AggregatedYaml.merge(file, "a", List.of())).isNull();
    assertThat(AggregatedYaml.merge(null, "a", List.of())).isNull();
  }

  @Test
  void aWorkloadWithSeveralDocumentsKeepsThemAll() {
    String file = AggregatedYaml.merge(null, "a", List.of(CM1 + "---\n" + CM2));
    file = AggregatedYaml.merge(file, "b", List.of(NS));
    assertThat(AggregatedYaml.parts(file)).containsOnlyKeys("a", "b");
    assertThat(names(file)).containsExactly("ConfigMap:req-1", "ConfigMap:req-2", "Namespace:aggregate-test-ns");
  }

  private static List<String> names(String yaml) {
    return KratixYaml.parseAll(yaml).stream()
        .map(d -> d.path("kind").asText() + ":" + d.path("metadata").path("name").asText()).toList();
  }
}

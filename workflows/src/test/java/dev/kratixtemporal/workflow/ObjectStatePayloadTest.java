package dev.kratixtemporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.Placement;
import dev.kratixtemporal.model.SourcedSelector;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workflow state crosses continue-as-new as a Temporal payload: it must come back whole. */
class ObjectStatePayloadTest {

  @Test
  void aFullStateSurvivesTheDefaultDataConverter() {
    ObjectState state = new ObjectState();
    state.document = KratixYaml.parseOne("apiVersion: x/v1\nkind: K\nmetadata: {name: n, namespace: ns}\nspec: {a: 1}\n");
    state.status.put("message", "Resource requested");
    state.generation = 3;
    state.lastRunHash = "abc";
    WorkloadGroup group = new WorkloadGroup("5058f1af8388633f609cadb75a75dc9d", ".",
        List.of(new FileRef("cm.yaml", "ab".repeat(32), 15)), List.of(new SourcedSelector(Map.of("env", "dev"), "promise")));
    state.works.put("render", new Work("p-n-render-12345", "p", "n", "ns", "render", List.of(group)));
    state.works.put("static", new Work("p-static-deps", "p", null, "kratix-platform-system", null, List.of(group)));
    state.placements.put("p-n-render-12345.dev-5058f", new Placement("p-n-render-12345.dev-5058f", "p-n-render-12345",
        group.id(), "dev", true, "0123abcd"));
    state.requests.add("resource/p/ns/n");
    state.suspendedAt = 1;
    state.retryAt = 42;
    state.healthRecords.put("ns/h", KratixYaml.parseOne("data: {state: healthy}\n"));

    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    ObjectState back = converter.fromPayload(converter.toPayload(state).orElseThrow(), ObjectState.class, ObjectState.class);

    assertThat(back).usingRecursiveComparison().isEqualTo(state);
    assertThat(back.works.get("static").isDependency()).isTrue();
  }
}

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
class WorkflowStatePayloadTest {

  @Test
  void aFullStateSurvivesTheDefaultDataConverter() {
    ResourceWorkflowState state = new ResourceWorkflowState();
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
    state.suspendedAt = 1;
    state.retryAt = 42;
    state.healthRecords.put("ns/h", KratixYaml.parseOne("data: {state: healthy}\n"));

    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    ResourceWorkflowState back = converter.fromPayload(converter.toPayload(state).orElseThrow(),
        ResourceWorkflowState.class, ResourceWorkflowState.class);

    assertThat(back).usingRecursiveComparison().isEqualTo(state);
    assertThat(back.works.get("static").isDependency()).isTrue();
  }

  /**
   * Until typed states, every kind carried all fields of one state class: a run continued as new then, or a history
   * replayed, must read into each kind's state, its own fields kept and the others' ignored.
   */
  @Test
  void aStateWrittenWhenEveryKindSharedOneClassReadsIntoEachKindsState() {
    String shared = """
        {"document":{"kind":"K"},"status":{"message":"m"},"generation":2,"lastRunHash":"h","works":{},
         "placements":{},"runRequested":true,"requests":["resource/p/ns/a"],"convergeQueue":[],"converging":[],
         "suspendedAt":-1,"healthRecords":{},"promiseWaiting":true,"notifyQueue":[],"retryRegisterAt":5,
         "deleteWaitsSince":-1,"destinationReport":null,"storeReport":null,"retiredWorks":{},"registered":true}
        """;
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    var payload = io.temporal.api.common.v1.Payload.newBuilder()
        .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
        .setData(com.google.protobuf.ByteString.copyFromUtf8(shared)).build();

    PromiseWorkflowState promise = converter.fromPayload(payload, PromiseWorkflowState.class, PromiseWorkflowState.class);
    assertThat(promise.requests).containsExactly("resource/p/ns/a");
    assertThat(promise.lastRunHash).isEqualTo("h");
    ResourceWorkflowState request = converter.fromPayload(payload, ResourceWorkflowState.class, ResourceWorkflowState.class);
    assertThat(request.promiseWaiting).isTrue();
    assertThat(request.retryRegisterAt).isEqualTo(5);
    DestinationWorkflowState destination = converter.fromPayload(payload, DestinationWorkflowState.class,
        DestinationWorkflowState.class);
    assertThat(destination.registered).isTrue();
    assertThat(destination.generation).isEqualTo(2);
    StateStoreWorkflowState store = converter.fromPayload(payload, StateStoreWorkflowState.class,
        StateStoreWorkflowState.class);
    assertThat(store.runRequested).isTrue();
    assertThat(store.status.path("message").asText()).isEqualTo("m");
  }
}

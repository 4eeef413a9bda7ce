package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object is there for the API as soon as its apply has returned, in its own GET and in its list, and gone from
 * both once its delete has run: neither waits for a signal to reach the Platform or the Promise, nor for Temporal's
 * visibility to index the workflow.
 */
class ReadAfterApplyTest extends EndToEndTest {

  @Test
  void aRequestIsReadableAndListedTheMomentItsApplyReturns() {
    api.applyOk(resource("stages.yaml"));
    awaitAvailable("stages");
    String list = "/api/v1/promises/stages/resources";
    for (int i = 0; i < 10; i++) {
      String name = "read-after-apply-" + i;
      api.applyOk("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: Stage
          metadata:
            name: %s
          spec:
            value: hello
          """.formatted(name));
      Api.Response r = api.get(list + "/default/" + name);
      assertThat(r.status()).as(name).isEqualTo(200);
      assertThat(r.body().path("metadata").path("name").asText()).isEqualTo(name);
      assertThat(names(list)).as("the list right after applying " + name).contains(name);
    }
    List<String> listed = coordinates(list);
    assertThat(listed).as("ordered by namespace, then name")
        .isSortedAccordingTo(Comparator.comparing((String c) -> c.split("/")[0]).thenComparing(c -> c.split("/")[1]))
        .containsSubsequence("default/read-after-apply-0", "default/read-after-apply-1", "default/read-after-apply-9");
    for (int i = 0; i < 10; i++) {
      String name = "read-after-apply-" + i;
      String path = list + "/default/" + name;
      assertThat(api.delete(path).status()).isEqualTo(202);
      eventually(path + " gone", () -> api.get(path).status(), s -> s == 404);
      assertThat(names(list)).as("the list right after " + name + " was deleted").doesNotContain(name);
    }
    assertThat(api.get(list + "/default/never-applied").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/promises/never-applied/resources").status()).isEqualTo(404);
  }

  @Test
  void storesDestinationsAndPromisesAreReadableAndListedTheMomentTheirApplyReturns() {
    Path bare = DATA_DIR.resolve("rla.git");
    StateRepository.createBare(bare, "rla");
    List<String[]> objects = List.of(
        new String[] {"/api/v1/gitstatestores", "rla-store", """
            apiVersion: platform.kratix.io/v1alpha1
            kind: GitStateStore
            metadata:
              name: rla-store
            spec:
              url: %s
              branch: main
            """.formatted(bare)},
        new String[] {"/api/v1/destinations", "rla-destination", """
            apiVersion: platform.kratix.io/v1alpha1
            kind: Destination
            metadata:
              name: rla-destination
              labels:
                rla: only
            spec:
              path: rla
              strictMatchLabels: true
              stateStoreRef:
                kind: GitStateStore
                name: rla-store
            """},
        new String[] {"/api/v1/promises", "rla-promise", """
            apiVersion: platform.kratix.io/v1alpha1
            kind: Promise
            metadata:
              name: rla-promise
            spec: {}
            """});
    for (String[] o : objects) {
      api.applyOk(o[2]);
      Api.Response r = api.get(o[0] + "/" + o[1]);
      assertThat(r.status()).as("GET " + o[1] + " right after its apply").isEqualTo(200);
      assertThat(r.body().path("metadata").path("name").asText()).isEqualTo(o[1]);
      assertThat(names(o[0])).as(o[0] + " right after applying " + o[1]).contains(o[1]).isSorted();
    }
    // The dev default's are listed too: visibility (or the catalog) and this process's applies agree.
    assertThat(names("/api/v1/destinations")).contains("dev", "rla-destination");
    assertThat(names("/api/v1/gitstatestores")).contains("default", "rla-store");
    assertThat(names("/api/v1/bucketstatestores")).doesNotContain("rla-store");

    for (String[] o : objects) {
      String path = o[0] + "/" + o[1];
      Api.Response reconcile = api.post(path + "/reconcile");
      assertThat(reconcile.status()).as("reconcile " + path).isEqualTo(202);
      String workflowId = reconcile.body().path("workflowId").asText();
      // A signal that arrives during a workflow task enters the history when the task completes.
      eventually("the reconcile signal in the history of " + workflowId, () -> temporal.fetchHistory(workflowId).getEvents(),
          events -> events.stream().anyMatch(e -> e.hasWorkflowExecutionSignaledEventAttributes()
              && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("reconcile")));
    }
    for (String[] o : List.of(objects.get(2), objects.get(1), objects.get(0))) {
      String path = o[0] + "/" + o[1];
      assertThat(api.delete(path).status()).as("DELETE " + path).isEqualTo(202);
      eventually(path + " gone", () -> api.get(path).status(), s -> s == 404);
      assertThat(names(o[0])).as(o[0] + " right after " + o[1] + " was deleted").doesNotContain(o[1]);
      assertThat(api.delete(path).status()).as("DELETE of a deleted " + path).isEqualTo(404);
    }
  }

  @Test
  void aReconcileOrDeleteOfAnObjectThatDoesNotExistIsNotFound() {
    for (String path : List.of("/api/v1/promises/never-applied", "/api/v1/destinations/never-applied",
        "/api/v1/bucketstatestores/default", "/api/v1/promises/stages/resources/default/never-applied")) {
      assertThat(api.post(path + "/reconcile").status()).as("reconcile " + path).isEqualTo(404);
      assertThat(api.delete(path).status()).as("DELETE " + path).isEqualTo(404);
    }
  }

  /** The namespace/name of each object a list answers, in its order. */
  private List<String> coordinates(String list) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : api.getOrNull(list)) {
      out.add(o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText());
    }
    return out;
  }

  /** The names a list answers, in its order. */
  private List<String> names(String list) {
    Api.Response r = api.get(list);
    assertThat(r.status()).as("GET " + list).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode o : r.body()) names.add(o.path("metadata").path("name").asText());
    return names;
  }
}

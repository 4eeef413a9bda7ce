package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.logic.Hashing;
import org.junit.jupiter.api.Test;

/** Scheduling onto Destinations by labels (spec section 6), with Destinations applied through the API. */
class SchedulingTest extends EndToEndTest {

  @Test
  void directoriesGoToTheDestinationsTheirSelectorsName() {
    api.applyOk(resource("workers.yaml"));
    for (String name : new String[] {"worker-1", "worker-2"}) {
      eventually(name + " Ready", () -> api.getOrNull("/api/v1/destinations/" + name),
          d -> d != null && Status.condition(d, "Ready").equals("True"));
      // A new Destination gets its two canary files.
      assertThat(repo.files()).contains(name + "/dependencies/kratix-canary-namespace.yaml",
          name + "/resources/kratix-canary-configmap.yaml");
    }
    JsonNode worker = api.getOrNull("/api/v1/destinations/worker-1");
    assertThat(Status.reason(worker, "Ready")).isEqualTo("TestDocumentsWritten");

    api.applyOk(resource("spread.yaml"));
    awaitAvailable("spread");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Spread
        metadata:
          name: wide
          namespace: default
        spec: {}
        """);
    JsonNode rr = eventually("wide Reconciled", () -> api.getOrNull("/api/v1/promises/spread/resources/default/wide"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(rr.path("status").path("kratix").path("workPlacements").findValuesAsText("destination"))
        .containsExactlyInAnyOrder("dev", "worker-1", "worker-2");

    String tail = "/resources/default/spread/wide/place/";
    String dest1 = Hashing.groupId("dest1").substring(0, 5);
    String dest2 = Hashing.groupId("dest2").substring(0, 5);
    assertThat(repo.files())
        .contains("worker-1" + tail + dest1 + "/dest1/cm.yaml", "worker-2" + tail + dest2 + "/dest2/cm.yaml",
            // strictMatchLabels keeps the unlabelled root group off the workers: it lands on dev.
            "dev" + tail + "5058f/root.yaml")
        .noneMatch(f -> f.startsWith("worker-1" + tail + dest2))
        .noneMatch(f -> f.startsWith("worker-2" + tail + dest1));
  }

  @Test
  void aRequestWaitsPendingUntilAMatchingDestinationAppears() {
    api.applyOk(resource("later.yaml"));
    awaitAvailable("later");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Later
        metadata:
          name: patient
          namespace: default
        spec: {}
        """);
    JsonNode pending = eventually("patient configured", () -> api.getOrNull("/api/v1/promises/later/resources/default/patient"),
        r -> r != null && Status.condition(r, "ConfigureWorkflowCompleted").equals("True"));
    assertThat(Status.condition(pending, "WorksSucceeded")).isEqualTo("Unknown");
    assertThat(Status.reason(pending, "WorksSucceeded")).isEqualTo("WorksPending");
    assertThat(Status.condition(pending, "Reconciled")).isEqualTo("Unknown");
    assertThat(repo.files()).noneMatch(f -> f.contains("/later/"));

    // Nobody touches the request: the new Destination is enough.
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: later-dest
          labels:
            zone: later
        spec:
          path: later-dest
          strictMatchLabels: true
          stateStoreRef:
            kind: GitStateStore
            name: default
        """);
    eventually("patient Reconciled", () -> api.getOrNull("/api/v1/promises/later/resources/default/patient"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(repo.files()).contains("later-dest/resources/default/later/patient/make/5058f/cm.yaml");
    // The Promise's dependencies reach the new Destination on their own path (its workflow, not the request's).
    eventually("dependencies on later-dest", () -> repo.files(),
        f -> f.contains("later-dest/dependencies/later/5058f/static/later-dependencies.yaml"));
    assertThat(repo.read("later-dest/dependencies/later/5058f/static/later-dependencies.yaml")).contains("name: later-system");
  }
}

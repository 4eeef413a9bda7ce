package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.testsupport.KratixSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compound Promise through the platform Destination (spec 8), with the paved-path-demo sample unchanged: its
 * dependencies are two whole Promises and its pipeline asks for one request of each; all of it is scheduled to the
 * platform Destination, where the platform agent applies it as Flux would on a Kratix platform cluster.
 */
class CompoundPromiseTest extends EndToEndTest {

  @Test
  void pavedPathDemoInstallsItsPromisesAndRequestsThroughThePlatformDestination() {
    eventually("Destination platform Ready", () -> api.getOrNull("/api/v1/destinations/platform"),
        d -> d != null && "True".equals(Status.condition(d, "Ready")));
    api.applyOk(KratixSamples.read("paved-path-demo/promise.yaml"));
    awaitAvailable("paved-path-demo");
    // The nested Promises come back from the platform Destination and install themselves.
    awaitAvailable("postgresql");
    awaitAvailable("knative");
    assertThat(repo.files()).contains("platform/dependencies/paved-path-demo/5058f/static/paved-path-demo-dependencies.yaml",
        "dev/dependencies/postgresql/promise-configure/5058f/namespace.yaml",
        "dev/dependencies/knative/promise-configure/5058f/namespace.yaml");

    api.applyOk(KratixSamples.read("paved-path-demo/resource-request.yaml"));
    String parent = "/api/v1/promises/paved-path-demo/resources/default/my-paved-path";
    eventually("my-paved-path Reconciled", () -> api.getOrNull(parent),
        r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
    for (String sub : List.of("postgresql", "knative")) {
      String path = "/api/v1/promises/" + sub + "/resources/default/my-paved-path";
      eventually(sub + " request Reconciled", () -> api.getOrNull(path),
          r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
    }
    List<String> files = repo.files();
    assertThat(files).anyMatch(f -> f.matches(
        "platform/resources/default/paved-path-demo/my-paved-path/instance-configure/5058f/postgres-resource-request\\.yaml"));
    assertThat(files).contains("dev/resources/default/postgresql/my-paved-path/instance-configure/5058f/postgresql.yaml",
        "dev/resources/default/knative/my-paved-path/instance-configure/5058f/knative.yaml");
    assertThat(repo.read("dev/resources/default/postgresql/my-paved-path/instance-configure/5058f/postgresql.yaml"))
        .contains("request: default/my-paved-path").contains("my_paved_path");

    // Deleting the parent request removes its files from the platform Destination, so its sub-requests go too.
    assertThat(api.delete(parent).status()).isEqualTo(202);
    for (String sub : List.of("postgresql", "knative")) {
      String path = "/api/v1/promises/" + sub + "/resources/default/my-paved-path";
      eventually(sub + " request deleted", () -> api.get(path).status(), s -> s == 404);
    }
    assertThat(repo.files()).noneMatch(f -> f.startsWith("dev/resources/default/postgresql/my-paved-path/"));

    // Deleting the compound Promise removes its dependencies from the platform Destination: the nested Promises go.
    assertThat(api.delete("/api/v1/promises/paved-path-demo").status()).isEqualTo(202);
    for (String sub : List.of("paved-path-demo", "postgresql", "knative")) {
      eventually(sub + " Promise deleted", () -> api.get("/api/v1/promises/" + sub).status(), s -> s == 404);
    }
    assertThat(repo.files()).noneMatch(f -> f.startsWith("platform/dependencies/paved-path-demo/")
        || f.startsWith("dev/dependencies/postgresql/") || f.startsWith("dev/dependencies/knative/"));
  }
}

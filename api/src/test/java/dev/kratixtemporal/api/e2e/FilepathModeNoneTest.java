package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** filepath.mode none: files flat under the Destination, tracked in .kratix for removal (spec 7.3). */
class FilepathModeNoneTest extends EndToEndTest {

  @Test
  void flatFilesAndATrackingFileThatDeletionCleansUp() {
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: terraform
          labels: {kind: terraform}
        spec:
          path: terraform
          strictMatchLabels: true
          filepath:
            mode: none
          stateStoreRef:
            kind: GitStateStore
            name: default
        """);
    eventually("terraform Ready", () -> api.getOrNull("/api/v1/destinations/terraform"),
        d -> d != null && Status.condition(d, "Ready").equals("True"));
    // Canary files sit at the Destination's root in this mode.
    assertThat(repo.files()).contains("terraform/kratix-canary-namespace.yaml", "terraform/kratix-canary-configmap.yaml");

    api.applyOk(resource("later.yaml").replace("name: later\n", "name: flat\n").replace("zone: later", "kind: terraform")
        .replace("laters.test.kratix.dev", "flats.test.kratix.dev").replace("kind: Later", "kind: Flat")
        .replace("plural: laters", "plural: flats").replace("singular: later", "singular: flat")
        .replace("name: later-system", "name: flat-system").replace("> /kratix/output/cm.yaml", "> /kratix/output/$KRATIX_OBJECT_NAME.tf"));
    awaitAvailable("flat");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Flat
        metadata: {name: bucket, namespace: default}
        spec: {}
        """);
    String rr = "/api/v1/promises/flat/resources/default/bucket";
    eventually("bucket Reconciled", () -> api.getOrNull(rr), r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    var files = repo.files();
    assertThat(files).contains("terraform/bucket.tf", "terraform/static/flat-dependencies.yaml");
    String tracking = files.stream().filter(f -> f.startsWith("terraform/.kratix/default-flat-bucket-make-")).findFirst().orElseThrow();
    assertThat(tracking).matches("terraform/\\.kratix/default-flat-bucket-make-[0-9a-f]{5}\\.terraform-5058f\\.yaml");
    assertThat(repo.read(tracking)).contains("- terraform/bucket.tf");

    assertThat(api.delete(rr).status()).isEqualTo(202);
    eventually("bucket gone", () -> api.get(rr).status(), s -> s == 404);
    assertThat(repo.files()).doesNotContain("terraform/bucket.tf", tracking).contains("terraform/static/flat-dependencies.yaml");
  }
}

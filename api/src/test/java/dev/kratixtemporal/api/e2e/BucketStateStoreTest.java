package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BucketStateStores against a real S3-compatible server (S3Proxy on loopback, signatures checked): readiness with
 * wrong and right keys, and each filepath mode with the exact object lists of Kratix's system tests.
 */
class BucketStateStoreTest extends EndToEndTest {
  private static final String BUCKET = "kratix";
  private static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    Path dir = Files.createTempDirectory("s3proxy");
    s3 = new S3Server(dir);
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) s3.close();
  }

  @Test
  void wrongKeysFailThePermissionCheckAndRightKeysMakeItReady() {
    api.applyOk(GitStoreAuthTest.secret("s3-wrong", "accessKeyID: kratix\n  secretAccessKey: not-the-key") + """
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: BucketStateStore
        metadata: {name: checked}
        spec:
          endpoint: %s
          insecure: true
          bucketName: %s
          secretRef: {name: s3-wrong, namespace: default}
        """.formatted(s3.endpoint(), BUCKET));
    JsonNode store = eventually("checked not ready", () -> api.getOrNull("/api/v1/bucketstatestores/checked"),
        s -> s != null && "ErrorValidatingPermissions".equals(Status.reason(s, "Ready")));
    assertThat(Status.conditionNode(store, "Ready").path("message").asText()).startsWith("write permission validation failed");
    assertThat(store.path("status").path("status").asText()).isEqualTo("NotReady");

    api.applyOk(GitStoreAuthTest.secret("s3-wrong", "accessKeyID: kratix\n  secretAccessKey: " + S3Server.SECRET_KEY));
    eventually("checked Ready", () -> api.getOrNull("/api/v1/bucketstatestores/checked"),
        s -> s != null && "StateStoreReady".equals(Status.reason(s, "Ready")));
    // The probe is a multipart upload that is aborted: it leaves nothing behind.
    assertThat(s3.keys(BUCKET, "")).noneMatch(k -> k.contains(".kratix-write-permission-check"));
    assertThat(api.delete("/api/v1/bucketstatestores/checked").status()).isEqualTo(202);
  }

  @Test
  void aggregatedYamlHoldsEveryDocumentOfTheDestinationInOneFile() {
    applyStore("aggregated-store", "");
    destination("aggregated-yaml", "aggregated-store", "filepath: {mode: aggregatedYAML, filename: catalog.yaml}");
    api.applyOk(resource("aggregate.yaml").replace("store: aggregate", "store: aggregated-yaml"));
    awaitAvailable("aggregate");
    request("aggregate", "Aggregate", "req-1");
    request("aggregate", "Aggregate", "req-2");

    assertThat(s3.keys(BUCKET, "aggregated-yaml/")).containsExactly("aggregated-yaml/catalog.yaml",
        "aggregated-yaml/kratix-canary-configmap.yaml", "aggregated-yaml/kratix-canary-namespace.yaml");
    assertThat(documents("aggregated-yaml/catalog.yaml"))
        .containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-1", "ConfigMap:req-2");

    deleteRequest("aggregate", "req-1");
    assertThat(documents("aggregated-yaml/catalog.yaml")).containsExactly("Namespace:aggregate-test-ns", "ConfigMap:req-2");

    assertThat(api.delete("/api/v1/promises/aggregate").status()).isEqualTo(202);
    eventually("aggregate gone", () -> api.get("/api/v1/promises/aggregate").status(), s -> s == 404);
    assertThat(s3.keys(BUCKET, "aggregated-yaml/")).containsExactly(
        "aggregated-yaml/kratix-canary-configmap.yaml", "aggregated-yaml/kratix-canary-namespace.yaml");
  }

  @Test
  void nestedByMetadataUnderTheStorePathAndCleanupAllRemovesThePrefix() {
    applyStore("nested-store", "platform");
    destination("cleanup-all", "nested-store", "cleanup: all");
    api.applyOk(resource("aggregate.yaml").replace("name: aggregate\n", "name: nested\n")
        .replace("store: aggregate", "store: cleanup-all").replace("aggregates.test", "nesteds.test")
        .replace("kind: Aggregate", "kind: Nested").replace("plural: aggregates", "plural: nesteds")
        .replace("singular: aggregate", "singular: nested"));
    awaitAvailable("nested");
    request("nested", "Nested", "one");

    List<String> keys = s3.keys(BUCKET, "platform/cleanup-all/");
    assertThat(keys).hasSize(4).contains("platform/cleanup-all/dependencies/kratix-canary-namespace.yaml",
        "platform/cleanup-all/resources/kratix-canary-configmap.yaml");
    assertThat(keys).anyMatch(k -> k.matches("platform/cleanup-all/dependencies/nested/namespace/5058f/ns\\.yaml"));
    assertThat(keys).anyMatch(k -> k.matches("platform/cleanup-all/resources/default/nested/one/make/5058f/configmap\\.yaml"));

    assertThat(api.delete("/api/v1/destinations/cleanup-all").status()).isEqualTo(202);
    eventually("cleanup-all prefix empty", () -> s3.keys(BUCKET, "platform/cleanup-all/"), List::isEmpty);
  }

  @Test
  void modeNoneWritesFlatFilesAndTracksThem() {
    applyStore("flat-store", "");
    destination("flat-bucket", "flat-store", "filepath: {mode: none}");
    api.applyOk(resource("aggregate.yaml").replace("name: aggregate\n", "name: flatb\n")
        .replace("store: aggregate", "store: flat-bucket").replace("aggregates.test", "flatbs.test")
        .replace("kind: Aggregate", "kind: FlatB").replace("plural: aggregates", "plural: flatbs")
        .replace("singular: aggregate", "singular: flatb")
        .replace("/kratix/output/configmap.yaml", "/kratix/output/$KRATIX_OBJECT_NAME.yaml"));
    awaitAvailable("flatb");
    request("flatb", "FlatB", "alpha");

    List<String> keys = s3.keys(BUCKET, "flat-bucket/");
    assertThat(keys).contains("flat-bucket/alpha.yaml", "flat-bucket/ns.yaml", "flat-bucket/kratix-canary-namespace.yaml",
        "flat-bucket/kratix-canary-configmap.yaml");
    String tracking = keys.stream().filter(k -> k.startsWith("flat-bucket/.kratix/default-flatb-alpha-make-"))
        .findFirst().orElseThrow();
    assertThat(s3.read(BUCKET, tracking)).contains("- flat-bucket/alpha.yaml");

    deleteRequest("flatb", "alpha");
    assertThat(s3.keys(BUCKET, "flat-bucket/")).doesNotContain("flat-bucket/alpha.yaml", tracking).contains("flat-bucket/ns.yaml");
  }

  private void applyStore(String name, String path) {
    api.applyOk(GitStoreAuthTest.secret("s3-" + name, "accessKeyID: " + S3Server.ACCESS_KEY + "\n  secretAccessKey: "
        + S3Server.SECRET_KEY) + """
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: BucketStateStore
        metadata: {name: %s}
        spec:
          endpoint: %s
          insecure: true
          bucketName: %s
          path: "%s"
          secretRef: {name: s3-%s}
        """.formatted(name, s3.endpoint(), BUCKET, path, name));
  }

  private void destination(String name, String store, String extraSpec) {
    api.applyOk("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: %s
          labels: {store: %s}
        spec:
          path: %s
          strictMatchLabels: true
          %s
          stateStoreRef: {kind: BucketStateStore, name: %s}
        """.formatted(name, name, name, extraSpec, store));
    eventually(name + " Ready", () -> api.getOrNull("/api/v1/destinations/" + name),
        d -> d != null && "True".equals(Status.condition(d, "Ready")));
  }

  private void request(String promise, String kind, String name) {
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: %s
        metadata: {name: %s, namespace: default}
        spec: {}
        """.formatted(kind, name));
    eventually(name + " Reconciled", () -> api.getOrNull("/api/v1/promises/" + promise + "/resources/default/" + name),
        r -> r != null && "True".equals(Status.condition(r, "Reconciled")));
  }

  private void deleteRequest(String promise, String name) {
    String path = "/api/v1/promises/" + promise + "/resources/default/" + name;
    assertThat(api.delete(path).status()).isEqualTo(202);
    eventually(name + " gone", () -> api.get(path).status(), s -> s == 404);
  }

  private List<String> documents(String key) {
    return KratixYaml.parseAll(s3.read(BUCKET, key)).stream()
        .map(d -> d.path("kind").asText() + ":" + d.path("metadata").path("name").asText()).toList();
  }
}

package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.testsupport.KratixSamples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationTest {

  private static Destination parse(String yaml) {
    return Destination.parse(KratixYaml.parseOne(yaml));
  }

  private static final String MINIMAL = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Destination
      metadata:
        name: worker-1
        labels:
          environment: dev
      spec:
        path: worker-1
        stateStoreRef:
          kind: GitStateStore
          name: default
      """;

  @Test
  void minimalDestinationGetsDefaults() {
    Destination d = parse(MINIMAL);

    assertThat(d.name()).isEqualTo("worker-1");
    assertThat(d.labels()).isEqualTo(Map.of("environment", "dev"));
    assertThat(d.path()).isEqualTo("worker-1");
    assertThat(d.stateStoreRef()).isEqualTo(new StoreRef("GitStateStore", "default"));
    assertThat(d.filepathMode()).isEqualTo(Destination.NESTED);
    assertThat(d.filename()).isEqualTo("aggregated.yaml");
    assertThat(d.cleanup()).isEqualTo("none");
    assertThat(d.initWorkloads()).isTrue();
    assertThat(d.strictMatchLabels()).isFalse();
  }

  @Test
  void explicitSettingsAreRead() {
    Destination d = parse("""
        metadata: {name: edge}
        spec:
          path: /
          strictMatchLabels: true
          stateStoreRef: {kind: BucketStateStore, name: minio}
          filepath: {mode: aggregatedYAML, filename: all.yaml}
          cleanup: all
          initWorkloads: {enabled: false}
        """);

    assertThat(d.stateStoreRef()).isEqualTo(new StoreRef("BucketStateStore", "minio"));
    assertThat(d.strictMatchLabels()).isTrue();
    assertThat(d.filepathMode()).isEqualTo(Destination.AGGREGATED);
    assertThat(d.filename()).isEqualTo("all.yaml");
    assertThat(d.cleanup()).isEqualTo("all");
    assertThat(d.initWorkloads()).isFalse();
  }

  @Test
  void missingPathIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("  path: worker-1\n", "")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.path");
  }

  @Test
  void badStateStoreKindIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("kind: GitStateStore", "kind: S3StateStore")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.stateStoreRef.kind").hasMessageContaining("S3StateStore")
        .extracting(e -> ((InvalidDocumentException) e).field()).isEqualTo("spec.stateStoreRef.kind");
  }

  @Test
  void missingStateStoreNameIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("    name: default\n", "")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.stateStoreRef.name");
  }

  @Test
  void missingNameIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("  name: worker-1\n", "")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("metadata.name");
  }

  @Test
  void unknownFilepathModeIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL + "  filepath: {mode: flat}\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.filepath.mode");
  }

  @Test
  void unknownCleanupIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL + "  cleanup: some\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.cleanup");
  }

  @Test
  void sampleS3HcpDestinationParses() {
    var docs = KratixSamples.docs("s3-hcp/platform-configuration.yaml").stream()
        .filter(d -> "Destination".equals(Docs.kind(d))).toList();
    assertThat(docs).isNotEmpty();

    Destination d = Destination.parse(docs.get(0));

    assertThat(d.filepathMode()).isEqualTo(Destination.NONE);
    assertThat(d.strictMatchLabels()).isTrue();
    assertThat(d.stateStoreRef().kind()).isEqualTo("GitStateStore");
  }
}

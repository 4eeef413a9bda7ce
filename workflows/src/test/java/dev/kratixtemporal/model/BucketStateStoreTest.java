package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketStateStoreTest {
  private static final String MINIMAL = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: BucketStateStore
      metadata:
        name: default
      spec:
        endpoint: minio.example.com:9000
        bucketName: kratix
      """;

  private static StateStore parse(String yaml) {
    return StateStore.parse(KratixYaml.parseOne(yaml));
  }

  @Test
  void accessKeyIsTheDefaultAndNeedsASecret() {
    assertThatThrownBy(() -> parse(MINIMAL))
        .isInstanceOf(InvalidDocumentException.class).hasMessage("spec.secretRef: is required with authMethod accessKey");
  }

  @Test
  void settingsAreRead() {
    StateStore s = parse(MINIMAL + "  insecure: true\n  path: platform\n  secretRef: {name: minio, namespace: kratix}\n");
    assertThat(s).isEqualTo(new BucketStateStore("default", "minio.example.com:9000", "kratix", "platform", true,
        "accessKey", new SecretRef("kratix", "minio")));
  }

  @Test
  void iamNeedsNoSecret() {
    assertThat(((BucketStateStore) parse(MINIMAL + "  authMethod: IAM\n")).secretRef()).isNull();
  }

  @Test
  void missingFieldsAreNamed() {
    assertThatThrownBy(() -> parse("kind: BucketStateStore\nmetadata: {name: b}\nspec: {bucketName: k}\n"))
        .hasMessage("spec.endpoint: is required");
    assertThatThrownBy(() -> parse("kind: BucketStateStore\nmetadata: {name: b}\nspec: {endpoint: e}\n"))
        .hasMessage("spec.bucketName: is required");
    assertThatThrownBy(() -> parse(MINIMAL + "  authMethod: token\n")).hasMessageContaining("spec.authMethod");
  }
}

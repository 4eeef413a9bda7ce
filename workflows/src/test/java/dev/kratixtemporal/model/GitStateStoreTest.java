package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.testsupport.KratixSamples;
import org.junit.jupiter.api.Test;

class GitStateStoreTest {

  private static GitStateStore parse(String yaml) {
    return GitStateStore.parse(KratixYaml.parseOne(yaml));
  }

  private static final String MINIMAL = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: GitStateStore
      metadata:
        name: default
      spec:
        url: https://git.example.com/state.git
      """;

  @Test
  void minimalStoreGetsDefaults() {
    GitStateStore s = parse(MINIMAL);

    assertThat(s.name()).isEqualTo("default");
    assertThat(s.url()).isEqualTo("https://git.example.com/state.git");
    assertThat(s.branch()).isEqualTo("main");
    assertThat(s.authorName()).isEqualTo("kratix");
    assertThat(s.authMethod()).isEqualTo("basicAuth");
    assertThat(s.path()).isEmpty();
  }

  @Test
  void explicitSettingsAreRead() {
    GitStateStore s = parse(MINIMAL + """
          branch: develop
          path: platform
          authMethod: ssh
          secretRef: {name: git-ssh}
          gitAuthor: {name: bot, email: bot@example.com}
        """);

    assertThat(s.branch()).isEqualTo("develop");
    assertThat(s.path()).isEqualTo("platform");
    assertThat(s.authMethod()).isEqualTo("ssh");
    assertThat(s.authorName()).isEqualTo("bot");
    assertThat(s.authorEmail()).isEqualTo("bot@example.com");
    assertThat(s.secretRef()).isEqualTo(new SecretRef("default", "git-ssh"));
  }

  @Test
  void sshWithoutSecretIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL + "  authMethod: ssh\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessage("spec.secretRef: is required with authMethod ssh");
  }

  @Test
  void aStorePayloadWithoutKindIsAGitStore() throws Exception {
    // Histories recorded before bucket stores existed carry Git stores without a kind.
    StateStore s = KratixYaml.JSON.readValue(
        "{\"name\":\"default\",\"url\":\"/x\",\"branch\":\"main\",\"path\":\"\",\"authMethod\":\"basicAuth\"}",
        StateStore.class);
    assertThat(s).isInstanceOf(GitStateStore.class);
    StateStore bucket = new BucketStateStore("b", "127.0.0.1:9000", "kratix", "p", true, "accessKey", new SecretRef("default", "s3"));
    assertThat(KratixYaml.JSON.readValue(KratixYaml.JSON.writeValueAsString(bucket), StateStore.class)).isEqualTo(bucket);
  }

  @Test
  void missingUrlIsRejected() {
    assertThatThrownBy(() -> parse("metadata: {name: default}\nspec: {branch: main}\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.url");
  }

  @Test
  void unknownAuthMethodIsRejected() {
    assertThatThrownBy(() -> parse(MINIMAL + "  authMethod: token\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("spec.authMethod");
  }

  @Test
  void sampleS3HcpStoreParses() {
    var docs = KratixSamples.docs("s3-hcp/platform-configuration.yaml").stream()
        .filter(d -> "GitStateStore".equals(Docs.kind(d))).toList();
    assertThat(docs).isNotEmpty();

    assertThat(GitStateStore.parse(docs.get(0)).url()).isNotEmpty();
  }
}

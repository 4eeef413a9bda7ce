package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines that try to reach the worker's host, through the REST API: each request ends Failed with a message naming
 * what the pipeline did, and nothing it pointed at reaches the state repository or the request's status.
 */
class HostilePipelineTest extends EndToEndTest {
  String marker;
  Path hostFile;

  @BeforeEach
  void hostFileAndPromise() throws IOException {
    marker = "HOST-MARKER-" + UUID.randomUUID();
    hostFile = Files.writeString(Files.createTempFile(DATA_DIR.getParent(), "host-secret", ".yaml"), "marker: " + marker + "\n");
    api.applyOk(resource("hostile.yaml"));
    awaitAvailable("hostile");
  }

  /** Applies a request doing the attack and waits for its configure workflow to fail. */
  private JsonNode attack(String name, String attack) {
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: Hostile
        metadata:
          name: %s
          namespace: default
        spec:
          attack: %s
          target: %s
        """.formatted(name, attack, hostFile));
    JsonNode rr = eventually(name + " failed", () -> api.getOrNull("/api/v1/promises/hostile/resources/default/" + name),
        r -> r != null && Status.reason(r, "ConfigureWorkflowCompleted").equals("ConfigureWorkflowFailed"));
    assertThat(Status.condition(rr, "Reconciled")).isEqualTo("False");
    assertThat(Status.conditionNode(rr, "ConfigureWorkflowCompleted").path("message").asText())
        .isEqualTo("A Configure Pipeline has failed: attack");
    assertThat(rr.toString()).doesNotContain(marker);
    assertThat(repositoryFiles()).noneMatch(f -> f.contains("/hostile/" + name + "/"));
    assertThat(repositoryHolds(marker)).as("the host file's content in the state repository").isFalse();
    return rr;
  }

  private static String pipelineMessage(JsonNode rr) {
    JsonNode pipeline = rr.path("status").path("kratix").path("workflows").path("pipelines").get(0);
    assertThat(pipeline.path("phase").asText()).isEqualTo("Failed");
    return pipeline.path("message").asText();
  }

  private List<String> repositoryFiles() {
    return repo.files();
  }

  private boolean repositoryHolds(String text) {
    Path clone = repo.cloneNow();
    try (Stream<Path> walk = Files.walk(clone)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !clone.relativize(p).startsWith(".git")).toList()) {
        if (Files.readString(p).contains(text)) return true;
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSymlinkedOutputToAHostFileFailsTheRequest() {
    JsonNode rr = attack("link-out", "symlink-output");
    assertThat(pipelineMessage(rr)).contains("/kratix/output/x.yaml is a symbolic link; pipeline outputs must be regular files");
  }

  @Test
  void aSymlinkedStatusFileFailsTheRequest() {
    JsonNode rr = attack("link-status", "symlink-status");
    assertThat(pipelineMessage(rr))
        .contains("/kratix/metadata/status.yaml is a symbolic link; pipeline metadata files must be regular files");
    assertThat(rr.path("status").has("marker")).isFalse();
  }

  @Test
  void tooManyOutputFilesFailTheRequest() {
    JsonNode rr = attack("many-files", "many-files");
    assertThat(pipelineMessage(rr)).contains("/kratix/output: holds 1501 files, more than the limit of 1000 files");
  }

  @Test
  void aGitFolderInOutputFailsTheRequest() {
    JsonNode rr = attack("git-out", "git-output");
    assertThat(pipelineMessage(rr))
        .contains("/kratix/output/.git has a .git path segment; pipeline outputs may not hold Git metadata");
  }
}

package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Pipeline;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The podman runtime with real containers: results, failures as results, and no container left behind. */
class PodmanPipelineActivitiesTest {
  final FolderBlobStore blobs = TestBlobs.temporary();

  private static final String IMAGE = "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1";

  @TempDir
  Path work;
  TestActivityEnvironment env;
  PipelineActivities activities;

  @BeforeEach
  void start() throws Exception {
    Process p = new ProcessBuilder("podman", "image", "exists", IMAGE).start();
    assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
        "skipped: " + IMAGE + " is not built (deploy/pipeline-images/build.sh, run by .ci/run)");
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new PodmanPipelineActivities(new PodmanSettings("podman", List.of(),
        PodmanSettings.DEFAULT_RUN_ARGS, work), blobs));
    activities = env.newActivityStub(PipelineActivities.class);
  }

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private static PipelineRun run(String... scripts) {
    List<Container> containers = new java.util.ArrayList<>();
    for (int i = 0; i < scripts.length; i++) {
      containers.add(new Container("c" + i, IMAGE, List.of("sh", "-c"), List.of(scripts[i]), List.of()));
    }
    return new PipelineRun("resource", "configure", "p", new Pipeline("pipe", Map.of(), containers, null),
        KratixYaml.parseOne("apiVersion: t.dev/v1\nkind: T\nmetadata: {name: n, namespace: ns}\nspec: {v: 1}\n"), "ts", null);
  }

  private static String containers() throws Exception {
    Process p = new ProcessBuilder("podman", "ps", "-a", "--format", "{{.Names}}").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Test
  void containersShareOutputAndMetadataInOrder() {
    PipelineResult result = activities.runPipeline(run(
        "echo first > /kratix/output/a.txt; printf 'stage: one\\n' > /kratix/metadata/status.yaml",
        "cat /kratix/output/a.txt > /kratix/output/b.txt; printf -- '- matchLabels: {env: x}\\n' > /kratix/metadata/destination-selectors.yaml"));
    assertThat(result.succeeded()).isTrue();
    assertThat(result.outputs()).extracting(o -> o.path() + "=" + TestBlobs.text(blobs, o).strip()).containsExactly("a.txt=first", "b.txt=first");
    assertThat(result.status().path("stage").asText()).isEqualTo("one");
    assertThat(result.destinationSelectors()).singleElement().satisfies(s -> assertThat(s.matchLabels()).containsEntry("env", "x"));
  }

  @Test
  void aNonZeroExitIsAResultNamingTheContainerAndLaterContainersDoNotRun() {
    PipelineResult result = activities.runPipeline(run("echo broken; exit 7", "touch /kratix/output/never"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).contains("container c0").contains("exited with code 7").contains("broken");
  }
  // Cancellation: HostilePipelineActivitiesTest#aCancelledRunKillsAndRemovesItsContainerPromptly, by exact container name.
}

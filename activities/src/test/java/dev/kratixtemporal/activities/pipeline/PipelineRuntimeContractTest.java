package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Pipeline;
import io.temporal.failure.CanceledFailure;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kratix pipeline contract, the same for every runtime that runs containers on this machine, with real containers:
 * files in and out, the KRATIX_* environment, status passing between containers, failures as results, limits and
 * timeouts, cancellation, and pipelines written to reach the host: each attempt ends as a failed result naming what it
 * did, the host's files stay untouched and unread, and no container is left behind. Subclasses give the runtime.
 */
abstract class PipelineRuntimeContractTest {
  final FolderBlobStore blobs = TestBlobs.temporary();

  static final String IMAGE = "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1";

  @TempDir
  Path work;
  /** Stands for the host's own files: the pipeline must neither change nor read them. */
  @TempDir
  Path host;
  String marker;
  Path secret;
  TestActivityEnvironment env;

  /** The runtime under test, with these limits (null: the defaults), its folders under {@link #work}. */
  abstract PipelineActivities runtime(OutputLimits outputs, ContainerLimits containers) throws Exception;

  /** The names of this runtime's containers alive now (other sessions may run containers of their own). */
  abstract Set<String> containers() throws Exception;

  @BeforeEach
  void hostFiles() throws Exception {
    Process p = new ProcessBuilder("podman", "image", "exists", IMAGE).start();
    assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
        "skipped: " + IMAGE + " is not built (deploy/pipeline-images/build.sh, run by .ci/run)");
    marker = "HOST-MARKER-" + UUID.randomUUID();
    secret = Files.writeString(host.resolve("secret.yaml"), "marker: " + marker + "\n");
  }

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  PipelineActivities activities(OutputLimits outputs, ContainerLimits containers) {
    env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(runtime(outputs, containers));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return env.newActivityStub(PipelineActivities.class, PRODUCTION_OPTIONS);
  }

  /**
   * The workflows' heartbeat timeout (Stubs): the test environment's default of one second cancelled a run whose
   * image lookup took longer than that on a busy machine, before its first heartbeat.
   */
  static final ActivityOptions PRODUCTION_OPTIONS = ActivityOptions.newBuilder()
      .setScheduleToCloseTimeout(Duration.ofDays(1)).setHeartbeatTimeout(Duration.ofSeconds(10)).build();

  PipelineActivities activities() {
    return activities(null, null);
  }

  static PipelineRun run(Container container, ObjectNode raw) {
    return run(raw, container);
  }

  static PipelineRun run(ObjectNode raw, Container... containers) {
    return new PipelineRun("resource", "configure", "p", new Pipeline("pipe", Map.of(), List.of(containers), raw),
        KratixYaml.parseOne("apiVersion: t.dev/v1\nkind: T\nmetadata: {name: n, namespace: ns}\nspec: {v: 1}\n"), "ts", null);
  }

  static PipelineRun script(String script) {
    return scripts(script);
  }

  static PipelineRun scripts(String... scripts) {
    Container[] containers = new Container[scripts.length];
    for (int i = 0; i < scripts.length; i++) {
      containers[i] = new Container("c" + i, IMAGE, List.of("sh", "-c"), List.of(scripts[i]), List.of());
    }
    return run(null, containers);
  }

  static String json(Object value) throws Exception {
    return KratixYaml.JSON.writeValueAsString(value);
  }

  /** The pipeline container that appears after {@code before}. */
  String awaitNewContainer(Set<String> before) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (String name : containers()) {
        if (name.startsWith("kratix-") && !before.contains(name)) return name;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no pipeline container started");
  }

  private List<String> hostListing() throws Exception {
    try (Stream<Path> files = Files.walk(host)) {
      return files.map(p -> host.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void containersShareOutputAndMetadataInOrder() {
    PipelineResult result = activities().runPipeline(scripts(
        "echo first > /kratix/output/a.txt; printf 'stage: one\\n' > /kratix/metadata/status.yaml",
        "cat /kratix/output/a.txt > /kratix/output/b.txt; printf -- '- matchLabels: {env: x}\\n' > /kratix/metadata/destination-selectors.yaml"));
    assertThat(result.succeeded()).isTrue();
    assertThat(result.outputs()).extracting(o -> o.path() + "=" + TestBlobs.text(blobs, o).strip()).containsExactly("a.txt=first", "b.txt=first");
    assertThat(result.status().path("stage").asText()).isEqualTo("one");
    assertThat(result.destinationSelectors()).singleElement().satisfies(s -> assertThat(s.matchLabels()).containsEntry("env", "x"));
  }

  @Test
  void theObjectIsReadOnlyInputAndStatusPassesToTheNextContainer() {
    PipelineResult result = activities().runPipeline(scripts(
        "cp /kratix/input/object.yaml /kratix/output/seen.yaml; echo x >> /kratix/input/object.yaml && echo writable > /kratix/output/bad;"
            + " printf 'step: 1\\n' > /kratix/metadata/status.yaml",
        "sed 's/step: 1/step: 2/' /kratix/metadata/status.yaml > /kratix/metadata/next; mv /kratix/metadata/next /kratix/metadata/status.yaml"));
    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.outputs()).extracting(o -> o.path()).containsExactly("seen.yaml");
    assertThat(TestBlobs.text(blobs, result.outputs().get(0))).contains("kind: T").contains("namespace: ns").contains("v: 1");
    assertThat(result.status().path("step").asInt()).isEqualTo(2);
  }

  @Test
  void everyContainerGetsTheKratixEnvironmentThenItsOwn() {
    Container c = new Container("c0", IMAGE, List.of("sh", "-c"), List.of("env | grep -E '^(KRATIX_|MINE=)' | sort > /kratix/output/env"),
        List.of(new Container.EnvVar("MINE", "a b=c"), new Container.EnvVar("KRATIX_PIPELINE_NAME", "overridden")));
    PipelineResult result = activities().runPipeline(run(c, null));
    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(TestBlobs.text(blobs, result.outputs().get(0)).lines()).containsExactly(
        "KRATIX_CLUSTER_SCOPED=false", "KRATIX_CRD_PLURAL=ts", "KRATIX_OBJECT_GROUP=t.dev", "KRATIX_OBJECT_KIND=T",
        "KRATIX_OBJECT_NAME=n", "KRATIX_OBJECT_NAMESPACE=ns", "KRATIX_OBJECT_VERSION=v1", "KRATIX_PIPELINE_NAME=overridden",
        "KRATIX_PROMISE_NAME=p", "KRATIX_WORKFLOW_ACTION=configure", "KRATIX_WORKFLOW_TYPE=resource", "MINE=a b=c");
  }

  @Test
  void aNonZeroExitIsAResultNamingTheContainerAndLaterContainersDoNotRun() {
    PipelineResult result = activities().runPipeline(scripts("echo broken; exit 7", "touch /kratix/output/never"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).contains("container c0").contains("exited with code 7").contains("broken");
    assertThat(result.logs()).contains("[c0]").doesNotContain("[c1]");
  }

  @Test
  void anImageThatIsNotThereIsAResultNamingIt() {
    String missing = "localhost/kratix-contract/missing:v1";
    PipelineResult result = activities().runPipeline(run(new Container("c0", missing, List.of("sh"), List.of(), List.of()), null));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).startsWith("container c0 (" + missing + ") ").contains(missing + ": image not known");
  }

  @Test
  void anImageThatIsAnOptionIsRefusedAndNothingRuns() throws Exception {
    PipelineActivities activities = activities();
    for (String image : List.of("--volume=" + host + ":/x", "--network=host", IMAGE + " --privileged")) {
      // The real image first in args, as the attack had it: podman would have read the "image" as an option.
      PipelineResult result = activities.runPipeline(run(new Container("mount-host", image, List.of(),
          List.of(IMAGE, "sh", "-c", "echo pwned > /x/pwned; touch /kratix/output/ran"), List.of()), null));
      assertThat(result.succeeded()).isFalse();
      assertThat(result.message()).contains("container mount-host has image " + json(image))
          .contains("not an image reference");
      assertThat(result.logs()).as("podman never ran").isEmpty();
    }
    assertThat(hostListing()).containsExactly("", "secret.yaml");
    assertThat(Files.readString(secret)).isEqualTo("marker: " + marker + "\n");
  }

  @Test
  void anInvalidImageReferenceIsAResultNotARetry() {
    PipelineResult result = activities().runPipeline(run(new Container("c0", "Registry.Example/UPPER:1", List.of(),
        List.of(), List.of()), null));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("container c0 has image \"Registry.Example/UPPER:1\", which is not an image reference");
    assertThat(result.logs()).as("podman never ran").isEmpty();
  }

  @Test
  void documentValuesThatLookLikeOptionsReachTheContainerAsValues() throws Exception {
    // Each value would mount the host or give network if podman read it as an option.
    String mount = "--volume=" + host + ":/x";
    Container c = new Container("c0", IMAGE, List.of("sh", "-c", "printf '%s|%s|%s' \"$0\" \"$1\" \"$EVIL\" > /kratix/output/seen;"
        + " ls /x > /kratix/output/x 2>&1 || true; tail -n +3 /proc/net/dev | wc -l > /kratix/output/nets"),
        List.of(mount, "--network=host"), List.of(new Container.EnvVar("EVIL", "--privileged")));
    PipelineResult result = activities().runPipeline(run(c, null));
    assertThat(result.succeeded()).as(result.message()).isTrue();
    Map<String, String> outputs = result.outputs().stream()
        .collect(Collectors.toMap(o -> o.path(), o -> TestBlobs.text(blobs, o).strip()));
    assertThat(outputs.get("seen")).isEqualTo(mount + "|--network=host|--privileged");
    assertThat(outputs.get("x")).contains("No such file or directory");
    assertThat(outputs.get("nets")).as("only the loopback interface").isEqualTo("1");
    assertThat(hostListing()).containsExactly("", "secret.yaml");
  }

  @Test
  void aSymlinkToAHostFileFailsThePipelineAndTheFileIsNotRead() throws Exception {
    PipelineResult result = activities().runPipeline(script("echo ok > /kratix/output/a.yaml; ln -s " + secret + " /kratix/output/x.yaml"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message())
        .isEqualTo("/kratix/output/x.yaml is a symbolic link; pipeline outputs must be regular files");
    assertThat(json(result)).doesNotContain(marker);
  }

  @Test
  void aSymlinkToAHostFolderFailsThePipeline() throws Exception {
    PipelineResult result = activities().runPipeline(script("mkdir -p /kratix/output/sub; ln -s " + host + " /kratix/output/sub/dir"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("/kratix/output/sub/dir is a symbolic link; pipeline outputs must be regular files");
    assertThat(json(result)).doesNotContain(marker);
  }

  @Test
  void aFifoInOutputFailsThePipelineInsteadOfBlockingIt() {
    PipelineResult result = activities().runPipeline(script("mkfifo /kratix/output/pipe.yaml"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("/kratix/output/pipe.yaml is a special file (fifo, socket or device);"
        + " pipeline outputs must be regular files");
  }

  @Test
  void aSymlinkedStatusFileFailsThePipelineAndTheFileIsNotRead() throws Exception {
    PipelineActivities activities = activities();
    for (String name : List.of("status.yaml", "destination-selectors.yaml", "workflow-control.yaml")) {
      PipelineResult result = activities.runPipeline(script("ln -s " + secret + " /kratix/metadata/" + name));
      assertThat(result.succeeded()).isFalse();
      assertThat(result.message())
          .isEqualTo("/kratix/metadata/" + name + " is a symbolic link; pipeline metadata files must be regular files");
      assertThat(json(result)).doesNotContain(marker);
    }
  }

  @Test
  void moreFilesThanTheLimitFailsNamingTheCount() {
    PipelineResult result = activities(new OutputLimits(0, 1000, 0), null)
        .runPipeline(script("for i in $(seq 1 5000); do : > /kratix/output/f$i.yaml; done"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("/kratix/output: holds 5000 files, more than the limit of 1000 files");
    assertThat(result.outputs()).isEmpty();
  }

  @Test
  void aResultLargerThanTheLimitOnceEncodedFails() throws Exception {
    // Outputs go to the blob store and the result carries references, but status.yaml travels in the result:
    // 24,000 escaped control characters are 96 kB in the file and 144 kB once JSON-encoded.
    PipelineActivities activities = activities(new OutputLimits(100_000, 0, 100_000), null);
    PipelineResult result = activities.runPipeline(script("{ printf 'message: \"'; yes '\\x01' | head -n 24000 | tr -d '\\n';"
        + " printf '\"\\n'; } > /kratix/metadata/status.yaml"));
    assertThat(result.succeeded()).as(result.message()).isFalse();
    assertThat(result.message()).startsWith("the pipeline's result takes 14").contains("bytes once encoded, more than the limit of 100000 bytes");
    assertThat(json(result).length()).isLessThan(100_000);

    // The same weight in output files is not in the result at all: the file is in the blob store.
    PipelineResult outputs = activities.runPipeline(script("head -c 60000 /dev/zero | tr '\\000' '\\001' > /kratix/output/ctl.yaml"));
    assertThat(outputs.succeeded()).as(outputs.message()).isTrue();
    assertThat(json(outputs).length()).isLessThan(2_000);
    assertThat(blobs.get(outputs.outputs().get(0).sha256())).hasSize(60_000);
  }

  @Test
  void aGitFolderInOutputFailsThePipeline() {
    PipelineResult result = activities().runPipeline(script(
        "mkdir -p /kratix/output/app/.git; echo '[core]' > /kratix/output/app/.git/config; echo x > /kratix/output/ok.yaml"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message())
        .isEqualTo("/kratix/output/app/.git has a .git path segment; pipeline outputs may not hold Git metadata");
    PipelineResult file = activities().runPipeline(script("echo x > /kratix/output/.git"));
    assertThat(file.message()).isEqualTo("/kratix/output/.git has a .git path segment; pipeline outputs may not hold Git metadata");
  }

  @Test
  void processesAreBoundedByThePidsLimit() {
    // A bounded stand-in for a fork bomb: tries to start 1,000 sleeping processes.
    PipelineResult result = activities(null, new ContainerLimits(50, 0, 0, Duration.ofSeconds(20))).runPipeline(script(
        "for i in $(seq 1 1000); do sleep 30 & echo started $i; done; echo all started"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.logs()).doesNotContain("all started");
    Matcher m = Pattern.compile("started (\\d+)\\n(?!.*started \\d)", Pattern.DOTALL).matcher(result.logs());
    assertThat(m.find()).as(result.logs()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isBetween(10, 49);
    assertThat(result.message()).contains("Cannot fork");
  }

  @Test
  void aContainerPastItsTimeoutIsKilledAndRemoved() throws Exception {
    PipelineActivities activities = activities(null, new ContainerLimits(0, 0, 0, Duration.ofSeconds(3)));
    Set<String> before = containers();
    long start = System.nanoTime();
    CompletableFuture<PipelineResult> running = CompletableFuture.supplyAsync(() -> activities.runPipeline(script("sleep 60")));
    String name = awaitNewContainer(before);
    PipelineResult result = running.get(60, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("container c0 (" + IMAGE + ") exceeded its timeout of 3s and was stopped");
    assertThat(containers()).doesNotContain(name);
  }

  @Test
  void aContainerFillingTheSharedFoldersIsStoppedLongBeforeItsTimeout() throws Exception {
    // Limits of 100 kB and 10 files: stopped past 16 times that, 1.6 MB or 160 files.
    PipelineActivities activities = activities(new OutputLimits(100_000, 10, 0), null);
    long start = System.nanoTime();
    PipelineResult bytes = activities.runPipeline(script(
        "i=0; while true; do i=$((i+1)); head -c 100000 /dev/zero > /kratix/metadata/scratch$i; sleep 0.05; done"));
    assertThat(bytes.message()).isEqualTo("container c0 (" + IMAGE + ") wrote more than 1600000 bytes to /kratix/output"
        + " and /kratix/metadata and was stopped");
    PipelineResult count = activities.runPipeline(script(
        "i=0; while true; do i=$((i+1)); : > /kratix/output/f$i.yaml; sleep 0.01; done"));
    assertThat(count.message()).isEqualTo("container c0 (" + IMAGE + ") wrote more than 160 files to /kratix/output"
        + " and /kratix/metadata and was stopped");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aContainerFloodingItsLogIsStopped() {
    PipelineResult result = activities().runPipeline(script("yes 'spam spam spam spam'"));
    assertThat(result.message()).isEqualTo("container c0 (" + IMAGE + ") printed more than 16777216 bytes of logs and was stopped");
    assertThat(result.logs().length()).isLessThan(20_000);
  }

  @Test
  void memoryOverTheLimitKillsTheContainer() {
    String allocate100MB = "x=$(head -c 100000000 /dev/zero | tr '\\000' a); echo survived";
    PipelineResult result = activities(null, new ContainerLimits(0, 64L * 1024 * 1024, 0, null)).runPipeline(script(allocate100MB));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).contains("exited with code 137");
    assertThat(result.logs()).doesNotContain("survived");
  }

  @Test
  void aPromiseContainersMemoryLimitLowersTheSettingButCannotRaiseIt() {
    String allocate40MB = "x=$(head -c 40000000 /dev/zero | tr '\\000' a); echo survived";
    ObjectNode lower = (ObjectNode) KratixYaml.parseOne(
        "apiVersion: platform.kratix.io/v1alpha1\nkind: Pipeline\nmetadata: {name: pipe}\n"
            + "spec: {containers: [{name: c0, image: x, resources: {limits: {memory: 24Mi, cpu: 500m}}}]}\n");
    Container c = new Container("c0", IMAGE, List.of("sh", "-c"), List.of(allocate40MB), List.of());
    PipelineResult lowered = activities().runPipeline(run(c, lower));
    assertThat(lowered.message()).contains("exited with code 137");
    env.close();

    ObjectNode higher = lower.deepCopy();
    ((ObjectNode) higher.at("/spec/containers/0/resources/limits")).put("memory", "8Gi");
    PipelineResult capped = activities(null, new ContainerLimits(0, 24L * 1024 * 1024, 0, null)).runPipeline(run(c, higher));
    assertThat(capped.message()).contains("exited with code 137");
  }

  @Test
  void aCancelledRunKillsAndRemovesItsContainerPromptly() throws Exception {
    PipelineActivities activities = activities();
    Set<String> before = containers();
    CompletableFuture<PipelineResult> running = CompletableFuture.supplyAsync(() -> activities.runPipeline(script("sleep 1000")));
    String name = awaitNewContainer(before);
    long start = System.nanoTime();
    env.requestCancelActivity();
    assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(CanceledFailure.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(containers()).doesNotContain(name);
  }
}

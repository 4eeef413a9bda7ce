package dev.kratixtemporal.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kratixtemporal.activities.blobs.TestBlobs;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline contract on the bubblewrap sandbox, and what is the sandbox's own: the image config and the cache. */
class SandboxPipelineActivitiesTest extends PipelineRuntimeContractTest {
  /** A real image with a config of its own: made from the trivial test image by podman import. */
  static final String CONFIGURED = "localhost/kratix-sbxtest/configured:v1";
  static final String TRIVIAL = "localhost/kratix-test/trivial:v1";

  /** One cache for the class: the utility image is unpacked once, as in production. */
  @TempDir
  static Path cache;

  @BeforeAll
  static void configuredImage() throws Exception {
    assumeTrue(run("bwrap", "--version") == 0, "skipped: bwrap is not installed (deploy/setup-machine.sh)");
    assumeTrue(run("podman", "image", "exists", TRIVIAL) == 0, "skipped: " + TRIVIAL + " is not built");
    int made = run("sh", "-c", "c=$(podman create --entrypoint=/none " + TRIVIAL + ") && podman export $c | podman import"
        + " --change 'USER 1000:1000' --change 'WORKDIR /bin' --change 'ENTRYPOINT [\"/bin/sh\", \"-c\"]'"
        + " --change 'CMD [\"echo from-cmd > /kratix/output/cmd\"]' --change 'ENV FOO=from-image' --change 'ENV PATH=/bin'"
        + " - " + CONFIGURED + "; r=$?; podman rm -f $c; exit $r");
    assertThat(made).isZero();
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  SandboxSettings settings(OutputLimits outputs, ContainerLimits containers, int maxImages) {
    return new SandboxSettings(null, null, null, work, cache, maxImages, false, SandboxSettings.DEFAULT_CGROUP_ROOT,
        outputs, containers);
  }

  @Override
  PipelineActivities runtime(OutputLimits outputs, ContainerLimits containers) throws Exception {
    return new SandboxPipelineActivities(settings(outputs, containers, 0), blobs);
  }

  /** The sandboxes alive now, by the hostname each is given: the run's container name. */
  @Override
  Set<String> containers() {
    return ProcessHandle.allProcesses().map(p -> p.info().arguments().orElse(new String[0]))
        .filter(args -> List.of(args).contains("--die-with-parent"))
        .map(args -> {
          List<String> a = List.of(args);
          int i = a.indexOf("--hostname");
          return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : "";
        })
        .filter(n -> n.startsWith("kratix-")).collect(Collectors.toSet());
  }

  @Test
  void theImagesConfigGivesUserWorkingDirEntrypointCmdAndEnvUnderTheContainersOwn() {
    PipelineActivities activities = activities();
    PipelineResult fromImage = activities.runPipeline(run(new Container("c0", CONFIGURED, List.of(), List.of(), List.of()), null));
    assertThat(fromImage.succeeded()).as(fromImage.message()).isTrue();
    assertThat(fromImage.outputs()).extracting(o -> o.path()).containsExactly("cmd");

    // args replace the image's cmd and follow its entrypoint; the container's env wins over the image's.
    PipelineResult withArgs = activities.runPipeline(run(new Container("c0", CONFIGURED, List.of(),
        List.of("echo $(id -u):$(id -g) $(pwd) $FOO $HOME > /kratix/output/seen"), List.of()), null));
    assertThat(withArgs.succeeded()).as(withArgs.message()).isTrue();
    assertThat(TestBlobs.text(blobs, withArgs.outputs().get(0)).strip()).isEqualTo("1000:1000 /bin from-image /");

    PipelineResult withEnv = activities.runPipeline(run(new Container("c0", CONFIGURED, List.of("/bin/sh", "-c"),
        List.of("echo $FOO > /kratix/output/env"), List.of(new Container.EnvVar("FOO", "from-container"))), null));
    assertThat(TestBlobs.text(blobs, withEnv.outputs().get(0)).strip()).isEqualTo("from-container");
  }

  @Test
  void imagesArePulledOnlyWhenThePullPolicySaysSo() {
    PipelineActivities activities = activities();
    Container c = new Container("c0", TRIVIAL, List.of("/bin/sh", "-c"), List.of("echo t > /kratix/output/t"), List.of());
    for (String policy : List.of("IfNotPresent", "Never")) {
      PipelineResult present = activities.runPipeline(run(c, pipeline(policy)));
      assertThat(present.succeeded()).as(policy + ": the local image, no pull: " + present.message()).isTrue();
    }
    // Always pulls: this image exists only in local storage, so the pull fails and the pipeline says so.
    PipelineResult always = activities.runPipeline(run(c, pipeline("Always")));
    assertThat(always.succeeded()).isFalse();
    assertThat(always.message()).startsWith("container c0 (" + TRIVIAL + ") could not start: ");
    assertThat(always.logs()).as("nothing ran").isEmpty();
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode pipeline(String pullPolicy) {
    return (com.fasterxml.jackson.databind.node.ObjectNode) dev.kratixtemporal.model.KratixYaml.parseOne(
        "apiVersion: platform.kratix.io/v1alpha1\nkind: Pipeline\nmetadata: {name: pipe}\n"
            + "spec: {containers: [{name: c0, image: x, imagePullPolicy: " + pullPolicy + "}]}\n");
  }

  @Test
  void theImageFilesystemIsReadOnlyAndTmpIsPrivate() throws Exception {
    Path hostTmpMarker = Files.createTempFile("kratix-sbxtest", ".marker");
    try {
      PipelineResult result = activities().runPipeline(script("touch /etc/x 2>/dev/null && echo wrote-etc > /kratix/output/bad;"
          + " ls /tmp > /kratix/output/tmp; echo t > /tmp/scratch && echo ok >> /kratix/output/tmp"));
      assertThat(result.succeeded()).as(result.message()).isTrue();
      assertThat(result.outputs()).extracting(o -> o.path()).containsExactly("tmp");
      assertThat(TestBlobs.text(blobs, result.outputs().get(0)).strip()).isEqualTo("ok");
    } finally {
      Files.deleteIfExists(hostTmpMarker);
    }
  }

  @Test
  void eachImageIsUnpackedOnceAndTheLeastRecentlyUsedIsEvicted() throws Exception {
    env = io.temporal.testing.TestActivityEnvironment.newInstance();
    Path own = Files.createDirectories(work.resolve("own-cache"));
    env.registerActivitiesImplementations(new SandboxPipelineActivities(new SandboxSettings(null, null, null, work, own, 1,
        false, SandboxSettings.DEFAULT_CGROUP_ROOT, null, null), blobs));
    PipelineActivities activities = env.newActivityStub(PipelineActivities.class, PRODUCTION_OPTIONS);
    Container configured = new Container("c0", CONFIGURED, List.of(), List.of(), List.of());
    Container trivial = new Container("c0", TRIVIAL, List.of("/bin/sh", "-c"), List.of("echo t > /kratix/output/t"), List.of());

    assertThat(activities.runPipeline(run(configured, null)).succeeded()).isTrue();
    String configuredId = imageId(CONFIGURED);
    Object unpacked = Files.readAttributes(own.resolve(configuredId).resolve("rootfs/bin/busybox"),
        java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    assertThat(activities.runPipeline(run(configured, null)).succeeded()).isTrue();
    assertThat(Files.readAttributes(own.resolve(configuredId).resolve("rootfs/bin/busybox"),
        java.nio.file.attribute.BasicFileAttributes.class).fileKey()).as("not unpacked again").isEqualTo(unpacked);

    assertThat(activities.runPipeline(run(trivial, null)).succeeded()).isTrue();
    assertThat(listing(own)).as("max-images 1: the older image is evicted").containsExactly(imageId(TRIVIAL));
  }

  @Test
  void concurrentFirstUsesOfOneImageUnpackItOnce() throws Exception {
    Path own = Files.createDirectories(work.resolve("concurrent-cache"));
    SandboxImageCache images = new SandboxImageCache(new SandboxSettings(null, null, null, work, own, 0, false, null, null, null));
    Container c = new Container("c0", TRIVIAL, List.of(), List.of(), List.of());
    String since = String.valueOf(System.currentTimeMillis() / 1000 - 1);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.CompletableFuture<Path>> uses = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      uses.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
          try (SandboxImageCache.Image image = images.acquire(c, null)) {
            return image.rootfs;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, java.util.concurrent.Executors.newSingleThreadExecutor()));
    }
    start.countDown();
    for (var u : uses) assertThat(u.get(120, TimeUnit.SECONDS)).isEqualTo(own.resolve(imageId(TRIVIAL)).resolve("rootfs"));
    Process events = new ProcessBuilder("podman", "events", "--since", since, "--until", String.valueOf(System.currentTimeMillis() / 1000 + 1),
        "--filter", "event=create", "--filter", "label=" + SandboxImageCache.CACHE_LABEL + "=" + own, "--format", "{{.Name}}")
        .redirectErrorStream(true).start();
    String created = new String(events.getInputStream().readAllBytes());
    events.waitFor(60, TimeUnit.SECONDS);
    assertThat(created.lines().filter(l -> l.startsWith("kratix-unpack-")).count()).as(created).isEqualTo(1);
    assertThat(listing(own)).containsExactly(imageId(TRIVIAL));
  }

  @Test
  void aTagMovedToAnotherImageOrRemovedIsSeenByTheNextRun() throws Exception {
    String moving = "localhost/kratix-sbxtest/moving:v1";
    PipelineActivities activities = activities();
    Container c = new Container("c0", moving, List.of("/bin/sh", "-c"), List.of("id -u > /kratix/output/uid"), List.of());
    try {
      assertThat(run("podman", "tag", TRIVIAL, moving)).isZero();
      PipelineResult first = activities.runPipeline(run(c, null));
      assertThat(TestBlobs.text(blobs, first.outputs().get(0)).strip()).as(first.message()).isEqualTo("0");

      assertThat(run("podman", "tag", CONFIGURED, moving)).isZero();
      PipelineResult moved = activities.runPipeline(run(c, null));
      assertThat(TestBlobs.text(blobs, moved.outputs().get(0)).strip()).as("the image's USER 1000").isEqualTo("1000");

      assertThat(run("podman", "untag", CONFIGURED, moving)).isZero();
      PipelineResult gone = activities.runPipeline(run(c, null));
      assertThat(gone.succeeded()).isFalse();
      assertThat(gone.message()).isEqualTo("container c0 (" + moving + ") could not start: Error: " + moving + ": image not known");
    } finally {
      run("podman", "untag", TRIVIAL, moving);
      run("podman", "untag", CONFIGURED, moving);
    }
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String imageId(String image) throws Exception {
    Process p = new ProcessBuilder("podman", "image", "inspect", "--format", "{{.Id}}", image).start();
    String id = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return id;
  }

  @Test
  void cgroupLimitsAreSetForTheContainerAndRemovedAfterIt() throws Exception {
    Path memory = SandboxSettings.DEFAULT_CGROUP_ROOT.resolve("memory");
    assumeTrue(Files.isWritable(memory), "no writable cgroup v1 memory controller here");
    PipelineActivities activities = activities(null, new ContainerLimits(77, 100L * 1024 * 1024, 0.5, null));
    Set<String> before = containers();
    var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> activities.runPipeline(script("sleep 3")));
    String name = awaitNewContainer(before);
    Map<String, String> seen = Map.of(
        "memory/kratix-sandbox/" + name + "/memory.limit_in_bytes", "104857600",
        "pids/kratix-sandbox/" + name + "/pids.max", "77",
        "cpu/kratix-sandbox/" + name + "/cpu.cfs_quota_us", "50000");
    for (var e : seen.entrySet()) {
      assertThat(Files.readString(SandboxSettings.DEFAULT_CGROUP_ROOT.resolve(e.getKey())).strip()).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(running.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(memory.resolve("kratix-sandbox").resolve(name)).doesNotExist();
  }
}

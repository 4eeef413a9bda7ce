package dev.kratixtemporal.activities.pipeline.kubernetes;

import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.TestBlobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Pipeline;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes Job runtime against fabric8's mock API server in CRUD mode: no real API server, no kubelet, no Job
 * controller. The test plays both ({@link #kubelet}): it waits for the Job, creates its Pod with container statuses,
 * writes the collector's log and marks the Job Complete or Failed. The mock does not serve pod logs from CRUD state,
 * so logs go through the {@link PodLogs} seam, filled by the test kubelet; the archive in them is made by running the
 * collector's real script (sh, tar, gzip, base64) over a folder.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobPipelineMockKubernetesTest {
  final FolderBlobStore blobs = TestBlobs.temporary();

  static final String IMAGE = "example/pipeline:v1";

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path tmp;

  final Map<String, String> logs = new ConcurrentHashMap<>();
  final Set<String> handledJobs = ConcurrentHashMap.newKeySet();
  TestActivityEnvironment env;
  PipelineActivities activities;

  @BeforeEach
  void start() {
    startWith(KubernetesJobSettings.defaults());
  }

  void startWith(KubernetesJobSettings base) {
    if (env != null) env.close();
    KubernetesJobSettings settings = new KubernetesJobSettings(base.platformNamespace(), base.utilityImage(),
        base.numberOfJobsToKeep(), base.defaultBackoffLimit(), base.nodeSelector(), base.tolerations(),
        base.imagePullSecrets(), base.outputLimits(), Duration.ofMillis(50));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new KubernetesJobPipelineActivities(client, settings,
        (ns, pod, container) -> logs.getOrDefault(ns + "/" + pod + "/" + container, ""), blobs));
    activities = env.newActivityStub(PipelineActivities.class, io.temporal.activity.ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2)).setHeartbeatTimeout(Duration.ofSeconds(30)).build());
  }

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  static PipelineRun run(String request, String... containerNames) {
    List<Container> containers = new ArrayList<>();
    for (String n : containerNames) containers.add(new Container(n, IMAGE, List.of(), List.of(), List.of()));
    return new PipelineRun("resource", "configure", "db", new Pipeline("instance", Map.of(), containers, null),
        KratixYaml.parseOne("apiVersion: example.com/v1\nkind: Database\nmetadata: {name: " + request
            + ", namespace: team-a}\nspec: {size: 1}\n"), "databases", null);
  }

  /** What the pod did: each init container's exit code in order (reader first), the collector's files. */
  record Outcome(List<Integer> initExitCodes, Map<String, byte[]> files) {
    boolean succeeded() {
      return initExitCodes.stream().allMatch(c -> c == 0);
    }
  }

  /** Waits for a Job this test has not run yet, then plays kubelet and Job controller for it. */
  Job kubelet(Outcome outcome) throws Exception {
    return kubelet(outcome, log -> log);
  }

  /** As above, with the collector's log edited before the Job is marked finished. */
  Job kubelet(Outcome outcome, java.util.function.UnaryOperator<String> collectorLogEdit) throws Exception {
    Job job = awaitNewJob();
    String ns = job.getMetadata().getNamespace();
    String podName = job.getMetadata().getName() + "-abcde";
    List<ContainerStatus> init = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.Container> specs = job.getSpec().getTemplate().getSpec().getInitContainers();
    for (int i = 0; i < specs.size() && i < outcome.initExitCodes().size(); i++) {
      int code = outcome.initExitCodes().get(i);
      init.add(new ContainerStatusBuilder().withName(specs.get(i).getName()).withImage(specs.get(i).getImage())
          .withNewState().withNewTerminated().withExitCode(code).withReason(code == 0 ? "Completed" : "Error")
          .endTerminated().endState().build());
      logs.put(ns + "/" + podName + "/" + specs.get(i).getName(), specs.get(i).getName() + " says hello\n");
      if (code != 0) break;
    }
    Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(podName).withNamespace(ns)
        .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec()).build()).create();
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(outcome.succeeded() ? "Succeeded" : "Failed")
        .withInitContainerStatuses(init).build());
    client.resource(pod).updateStatus();
    if (outcome.succeeded()) logs.put(ns + "/" + podName + "/" + PipelineJobSpec.COLLECTOR, collectorLogEdit.apply(collectorLog(outcome.files())));
    job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
        .withConditions(new JobConditionBuilder().withType(outcome.succeeded() ? "Complete" : "Failed").withStatus("True")
            .withReason(outcome.succeeded() ? null : "BackoffLimitExceeded").build())
        .withSucceeded(outcome.succeeded() ? 1 : null).withFailed(outcome.succeeded() ? null : 1).build());
    client.resource(job).updateStatus();
    return job;
  }

  Job awaitNewJob() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      for (Job j : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
        if (handledJobs.add(j.getMetadata().getNamespace() + "/" + j.getMetadata().getName())) return j;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no Job was created");
  }

  /** Lays the files out under kratix/ and runs the collector's own script over them, as the pod would. */
  String collectorLog(Map<String, byte[]> files) throws Exception {
    Path root = Files.createTempDirectory(tmp, "pod");
    Files.createDirectories(root.resolve("kratix/output"));
    Files.createDirectories(root.resolve("kratix/metadata"));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    String script = PipelineArchive.COLLECTOR_SCRIPT.replace("-C /", "-C " + root).replace("/tmp/kratix.tgz", root + "/a.tgz");
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    return "some noise before\n" + out;
  }

  static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    return m;
  }

  PipelineResult runAndPlay(PipelineRun run, Outcome outcome) throws Exception {
    CompletableFuture<PipelineResult> running = CompletableFuture.supplyAsync(() -> activities.runPipeline(run));
    kubelet(outcome);
    return running.get(30, TimeUnit.SECONDS);
  }

  @Test
  void outputsMetadataAndStatusComeBackAtTheirExactPaths() throws Exception {
    String deepDir = "kratix/output/" + "nested-directory-with-a-long-name/".repeat(4);
    PipelineResult result = runAndPlay(run("orders", "first", "second"), new Outcome(List.of(0, 0, 0), files(
        "kratix/output/deployment.yaml", "kind: Deployment\n",
        "kratix/output/dev/ns.yaml", "kind: Namespace\n",
        deepDir + "file.yaml", "deep: true\n",
        "kratix/metadata/destination-selectors.yaml", "- directory: dev\n  matchLabels: {env: dev}\n- matchLabels: {env: prod}\n",
        "kratix/metadata/status.yaml", "message: created\nreplicas: 3\n",
        "kratix/metadata/workflow-control.yaml", "suspend: true\nmessage: waiting\n",
        "kratix/metadata/scratch.txt", "ignored\n")));

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.outputs()).extracting(o -> o.path() + "=" + TestBlobs.text(blobs, o)).containsExactly(
        "deployment.yaml=kind: Deployment\n", "dev/ns.yaml=kind: Namespace\n",
        deepDir.substring("kratix/output/".length()) + "file.yaml=deep: true\n");
    assertThat(result.destinationSelectors()).extracting(s -> s.directory() + " " + s.matchLabels())
        .containsExactly("dev {env=dev}", "null {env=prod}");
    assertThat(result.status().path("message").asText()).isEqualTo("created");
    assertThat(result.status().path("replicas").asInt()).isEqualTo(3);
    assertThat(result.workflowControl().path("suspend").asBoolean()).isTrue();
    assertThat(result.logs()).contains("[first]\nfirst says hello").contains("[second]\nsecond says hello");

    // What the run left in the cluster: the Job, its object Secret (owned by the Job), ServiceAccount and RBAC.
    Job job = client.batch().v1().jobs().inNamespace("team-a").list().getItems().get(0);
    assertThat(job.getMetadata().getName()).matches("kratix-db-orders-instance-[0-9a-f]{5}");
    var secret = client.secrets().inNamespace("team-a").withName(job.getMetadata().getName()).get();
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid()));
    String object = new String(java.util.Base64.getDecoder().decode(secret.getData().get("object.yaml")), StandardCharsets.UTF_8);
    assertThat(KratixYaml.parseOne(object).path("metadata").path("name").asText()).isEqualTo("orders");
    assertThat(client.serviceAccounts().inNamespace("team-a").withName("db-resource-configure-instance").get()
        .getMetadata().getLabels()).containsEntry("kratix.io/promise-name", "db");
    assertThat(client.rbac().roles().inNamespace("team-a").withName("db-resource-configure-instance").get()).isNotNull();
    assertThat(client.rbac().roleBindings().inNamespace("team-a").withName("db-resource-configure-instance").get()).isNotNull();
  }

  @Test
  void aServiceAccountWithoutOurLabelIsUsedButNeverModified() throws Exception {
    client.resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
        .withName("db-resource-configure-instance").withNamespace("team-a").addToLabels("owner", "someone-else")
        .endMetadata().build()).create();
    PipelineResult result = runAndPlay(run("orders", "only"), new Outcome(List.of(0, 0), files()));
    assertThat(result.succeeded()).isTrue();
    assertThat(client.serviceAccounts().inNamespace("team-a").withName("db-resource-configure-instance").get()
        .getMetadata().getLabels()).containsExactly(Map.entry("owner", "someone-else"));
  }

  @Test
  void aContainerExitingNonZeroIsAFailedResultNamingIt() throws Exception {
    PipelineResult result = runAndPlay(run("orders", "first", "second", "third"), new Outcome(List.of(0, 0, 3), files()));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("container second (" + IMAGE + ") exited with code 3");
    assertThat(result.outputs()).isEmpty();
    assertThat(result.logs()).contains("[second]\nsecond says hello");
  }

  @Test
  void outputOverTheLimitIsAClearErrorNamingLimitAndSize() throws Exception {
    byte[] big = new byte[1_600_000];
    new Random(1).nextBytes(big);
    Map<String, byte[]> files = new LinkedHashMap<>(files("kratix/output/small.yaml", "a: 1\n"));
    files.put("kratix/output/big.bin", big);
    PipelineResult result = runAndPlay(run("orders", "only"), new Outcome(List.of(0, 0), files));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("/kratix/output: holds 1600005 bytes, more than the limit of 1500000 bytes");
  }

  @Test
  void aTruncatedCollectorLogIsAClearError() throws Exception {
    CompletableFuture<PipelineResult> running = CompletableFuture.supplyAsync(() -> activities.runPipeline(run("orders", "only")));
    kubelet(new Outcome(List.of(0, 0), files("kratix/output/a.yaml", "a: 1\n")),
        log -> log.substring(0, log.indexOf(PipelineArchive.END) - 10)); // as when a log is cut short
    PipelineResult result = running.get(30, TimeUnit.SECONDS);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo("the collector's log holds no complete output archive (truncated log?)");
  }

  @Test
  void cancellingTheActivityDeletesItsJob() throws Exception {
    CompletableFuture<PipelineResult> running = CompletableFuture.supplyAsync(() -> activities.runPipeline(run("orders", "slow")));
    Job job = awaitNewJob();
    assertThat(client.batch().v1().jobs().inNamespace("team-a").withName(job.getMetadata().getName()).get()).isNotNull();
    env.requestCancelActivity();
    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(CanceledFailure.class);
    assertThat(client.batch().v1().jobs().inNamespace("team-a").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("team-a").withName(job.getMetadata().getName()).get()).isNull();
  }

  @Test
  void finishedJobsArePrunedToNumberOfJobsToKeepOldestFirstPerRequestAndPipeline() throws Exception {
    startWith(new KubernetesJobSettings(null, null, 2, null, null, null, null, null, null));
    // The mock stamps creationTimestamp itself, to the second: older Jobs are made a second apart.
    createFinishedJob("kratix-db-orders-instance-old0", "orders");
    createFinishedJob("kratix-db-users-instance-old", "users"); // another request: not this history
    Thread.sleep(1100);
    createFinishedJob("kratix-db-orders-instance-old1", "orders");
    Thread.sleep(1100);
    createFinishedJob("kratix-db-orders-instance-old2", "orders");

    PipelineResult result = runAndPlay(run("orders", "only"), new Outcome(List.of(0, 0), files()));
    assertThat(result.succeeded()).isTrue();

    List<String> left = client.batch().v1().jobs().inNamespace("team-a").list().getItems().stream()
        .map(j -> j.getMetadata().getName()).sorted().toList();
    assertThat(left).hasSize(3).contains("kratix-db-orders-instance-old2", "kratix-db-users-instance-old")
        .anyMatch(n -> n.matches("kratix-db-orders-instance-[0-9a-f]{5}"));
    assertThat(client.secrets().inNamespace("team-a").withName("kratix-db-orders-instance-old0").get()).isNull();
    assertThat(client.secrets().inNamespace("team-a").withName("kratix-db-orders-instance-old1").get()).isNull();
  }

  private void createFinishedJob(String name, String request) {
    Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace("team-a")
        .addToLabels(new PipelineJobSpec(run(request, "only"), KubernetesJobSettings.defaults(), "x").historyLabels())
        .endMetadata().withNewSpec().withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec().build();
    client.resource(job).create();
    client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(name)
        .withNamespace("team-a").endMetadata().build()).create();
    Job stored = client.batch().v1().jobs().inNamespace("team-a").withName(name).get();
    stored.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withConditions(
        new JobConditionBuilder().withType("Complete").withStatus("True").build()).withSucceeded(1).build());
    client.resource(stored).updateStatus();
    handledJobs.add("team-a/" + name);
  }

  /** Runs the pipeline activity as a workflow would, with retries, so a second attempt follows a failed first. */
  @io.temporal.workflow.WorkflowInterface
  public interface RunWithRetries {
    @io.temporal.workflow.WorkflowMethod
    PipelineResult run(PipelineRun run);
  }

  public static class RunWithRetriesImpl implements RunWithRetries {
    @Override
    public PipelineResult run(PipelineRun run) {
      return io.temporal.workflow.Workflow.newActivityStub(PipelineActivities.class, io.temporal.activity.ActivityOptions
          .newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
              .setMaximumAttempts(3).build()).build()).runPipeline(run);
    }
  }

  @Test
  void aRetriedActivityFindsItsOwnJobInsteadOfMakingAnother() throws Exception {
    java.util.concurrent.atomic.AtomicInteger collectorReads = new java.util.concurrent.atomic.AtomicInteger();
    PodLogs flaky = (ns, pod, container) -> {
      if (container.equals(PipelineJobSpec.COLLECTOR) && collectorReads.incrementAndGet() == 1) {
        throw new io.fabric8.kubernetes.client.KubernetesClientException("API server unreachable (test)");
      }
      return logs.getOrDefault(ns + "/" + pod + "/" + container, "");
    };
    KubernetesJobSettings settings = new KubernetesJobSettings(null, null, 5, null, null, null, null, null, Duration.ofMillis(50));
    try (io.temporal.testing.TestWorkflowEnvironment temporal = io.temporal.testing.TestWorkflowEnvironment.newInstance()) {
      io.temporal.worker.Worker worker = temporal.newWorker(PipelineActivities.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(RunWithRetriesImpl.class);
      worker.registerActivitiesImplementations(new KubernetesJobPipelineActivities(client, settings, flaky, blobs));
      temporal.start();
      RunWithRetries wf = temporal.getWorkflowClient().newWorkflowStub(RunWithRetries.class,
          io.temporal.client.WorkflowOptions.newBuilder().setTaskQueue(PipelineActivities.TASK_QUEUE).build());
      CompletableFuture<PipelineResult> running = io.temporal.client.WorkflowClient.execute(wf::run, run("orders", "only"));
      kubelet(new Outcome(List.of(0, 0), files("kratix/output/a.yaml", "a: 1\n")));
      PipelineResult result = running.get(60, TimeUnit.SECONDS);

      assertThat(result.succeeded()).as(result.message()).isTrue();
      assertThat(result.outputs()).extracting(o -> o.path()).containsExactly("a.yaml");
      assertThat(collectorReads.get()).as("the first attempt failed reading the log, the second read it again").isEqualTo(2);
      assertThat(client.batch().v1().jobs().inNamespace("team-a").list().getItems()).as("one Job for both attempts").hasSize(1);
    }
  }

  @Test
  void theMockServesNoPodLogsFromCrudStateHenceTheSeam() {
    // Why PodLogs is a seam: fabric8's CRUD mock answers GET .../pods/p/log with the stored Pod (as a List), not with
    // any container output, so the real log path cannot be exercised without a kubelet.
    client.resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("team-a").endMetadata().build()).create();
    // The mock answers this slowly on a loaded machine: more than the client's default 10 s request timeout.
    try (KubernetesClient patient = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(client.getConfiguration()).withRequestTimeout(120_000).build()).build()) {
      String log = PodLogs.of(patient).read("team-a", "p", "collector");
      assertThat(log).contains("\"kind\":\"List\"").contains("\"kind\":\"Pod\"").doesNotContain(PipelineArchive.BEGIN);
    }
  }
}

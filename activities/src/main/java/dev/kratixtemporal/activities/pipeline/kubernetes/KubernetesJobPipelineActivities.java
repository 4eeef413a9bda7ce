package dev.kratixtemporal.activities.pipeline.kubernetes;

import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.pipeline.PipelineFiles;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PipelineResult;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.InvalidDocumentException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline as a Kubernetes Job (Kratix docs: pipeline Jobs and pod layout) and waits for it, heartbeating. The Job name ends with a hash
 * of the activity (not of the attempt), so a retried activity finds its own Job instead of starting another.
 * A container's non-zero exit is a result; an unreachable API server is an exception, retried by Temporal.
 */
public class KubernetesJobPipelineActivities implements PipelineActivities {
  private static final Logger log = LoggerFactory.getLogger(KubernetesJobPipelineActivities.class);
  private static final int LOG_LIMIT = 16_384;

  private final KubernetesClient client;
  private final KubernetesJobSettings settings;
  private final PodLogs podLogs;
  private final BlobStore blobs;

  /** @param blobs where the outputs go; the result carries references to them */
  public KubernetesJobPipelineActivities(KubernetesClient client, KubernetesJobSettings settings, BlobStore blobs) {
    this(client, settings, PodLogs.of(client), blobs);
  }

  public KubernetesJobPipelineActivities(KubernetesClient client, KubernetesJobSettings settings, PodLogs podLogs,
      BlobStore blobs) {
    this.client = client;
    this.settings = settings;
    this.podLogs = podLogs;
    this.blobs = blobs;
  }

  @Override
  public PipelineResult runPipeline(PipelineRun run) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    ActivityInfo info = ctx.getInfo();
    PipelineJobSpec spec = new PipelineJobSpec(run, settings,
        info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId());
    Job job = startJob(spec);
    try {
      job = waitForJob(ctx, spec, job);
    } catch (ActivityWorkerShutdownException e) {
      throw e; // the Job runs on; the retry, on this worker or another, finds it by name
    } catch (ActivityCompletionException e) {
      // Cancelled, or timed out with nobody waiting: Kratix never leaves a Job running for nobody.
      deleteJob(spec.namespace(), spec.jobName());
      throw e;
    }
    PipelineResult result = result(spec, job, run.picksHealthDefinitions());
    prune(spec);
    return result;
  }

  /** Creates the ServiceAccount, RBAC, Job and object Secret; on a retry, finds the Job made before. */
  private Job startJob(PipelineJobSpec spec) {
    String ns = spec.namespace();
    // Only made when missing: an existing ServiceAccount (with or without our label) is never modified.
    try {
      client.resource(spec.serviceAccount()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
    for (HasMetadata r : spec.rbac()) client.resource(r).createOr(NonDeletingOperation::update);
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(spec.jobName()).get();
    if (job == null) {
      job = client.resource(spec.job()).create();
      log.info("created Job {}/{}", ns, job.getMetadata().getName());
    }
    // The pod waits for its Secret to be mountable; owning it by the Job lets Kubernetes delete it with the Job.
    Secret secret = spec.objectSecret();
    secret.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).build()));
    client.resource(secret).createOr(NonDeletingOperation::update);
    return job;
  }

  private Job waitForJob(ActivityExecutionContext ctx, PipelineJobSpec spec, Job job) {
    while (!JobOutcome.finished(job)) {
      ctx.heartbeat(spec.jobName());
      try {
        Thread.sleep(settings.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Job " + spec.jobName(), e);
      }
      job = client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.jobName()).get();
      if (job == null) {
        throw new IllegalStateException("Job " + spec.namespace() + "/" + spec.jobName() + " was deleted while it ran");
      }
    }
    return job;
  }

  private PipelineResult result(PipelineJobSpec spec, Job job, boolean pickHealthDefinitions) {
    List<Pod> pods = client.pods().inNamespace(spec.namespace()).withLabel("job-name", spec.jobName()).list().getItems()
        .stream().sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
            Comparator.nullsFirst(Comparator.naturalOrder())).reversed()).toList();
    String logs = userLogs(spec, pods);
    if (JobOutcome.failed(job)) {
      String why = pods.stream().map(JobOutcome::failedContainer).flatMap(Optional::stream).findFirst()
          .orElse("Job " + spec.jobName() + " failed " + JobOutcome.jobFailure(job));
      return PipelineResult.failed(why, logs);
    }
    Pod pod = pods.stream().filter(p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase())).findFirst()
        .orElseThrow(() -> new IllegalStateException("Job " + spec.jobName() + " succeeded but its pod is gone"));
    String archive = podLogs.read(spec.namespace(), pod.getMetadata().getName(), PipelineJobSpec.COLLECTOR);
    Path root = null;
    try {
      root = Files.createTempDirectory("kratix-job-");
      PipelineFiles files = new PipelineFiles(root);
      PipelineArchive.unpack(archive == null ? "" : archive, files, settings.outputLimits());
      return files.result(settings.outputLimits(), logs, blobs, pickHealthDefinitions);
    } catch (InvalidDocumentException e) {
      return PipelineResult.failed(e.getMessage(), logs);
    } catch (IOException e) {
      throw new IllegalStateException("pipeline " + spec.jobName() + ": " + e.getMessage(), e);
    } finally {
      deleteTree(root);
    }
  }

  /** The user containers' logs of the newest pod, as podman gives them; best effort, bounded. */
  private String userLogs(PipelineJobSpec spec, List<Pod> pods) {
    if (pods.isEmpty()) return "";
    StringBuilder out = new StringBuilder();
    for (String c : spec.userContainerNames()) {
      String text;
      try {
        text = podLogs.read(spec.namespace(), pods.get(0).getMetadata().getName(), c);
      } catch (KubernetesClientException e) {
        text = "(no log: " + e.getMessage() + ")\n";
      }
      out.append("[").append(c).append("]\n").append(text == null ? "" : text);
    }
    return out.length() <= LOG_LIMIT ? out.toString() : "...\n" + out.substring(out.length() - LOG_LIMIT);
  }

  /**
   * Keeps the newest numberOfJobsToKeep finished Jobs of this pipeline for this object, the one just run always among
   * them; deletes the rest, oldest first. creationTimestamp has one-second resolution: ties fall back to the name.
   */
  void prune(PipelineJobSpec spec) {
    List<Job> older = client.batch().v1().jobs().inNamespace(spec.namespace()).withLabels(spec.historyLabels()).list()
        .getItems().stream().filter(JobOutcome::finished).filter(j -> !j.getMetadata().getName().equals(spec.jobName()))
        .sorted(Comparator.comparing((Job j) -> String.valueOf(j.getMetadata().getCreationTimestamp()))
            .thenComparing(j -> j.getMetadata().getName()))
        .toList();
    int keepOlder = Math.max(0, settings.numberOfJobsToKeep() - 1);
    for (Job old : older.subList(0, Math.max(0, older.size() - keepOlder))) {
      deleteJob(spec.namespace(), old.getMetadata().getName());
    }
  }

  /** Deletes a Job with its pods (Background) and its object Secret (Kubernetes would too, through the owner). */
  private void deleteJob(String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    client.secrets().inNamespace(namespace).withName(name).delete();
    log.info("deleted Job {}/{}", namespace, name);
  }

  private static void deleteTree(Path root) {
    if (root == null) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("could not remove {}: {}", root, e.getMessage());
    }
  }
}

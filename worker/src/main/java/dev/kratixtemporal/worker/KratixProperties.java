package dev.kratixtemporal.worker;

import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under "kratix".
 *
 * @param dataDir where the worker keeps state-store clones, pipeline scratch folders and (dev) the local repo
 * @param podman the container CLI, its extra arguments and what each pipeline container may use
 * @param pipelineConcurrency how many pipelines run at once on this worker
 * @param workflows reconciliation settings
 * @param pipelineRuntime where pipelines run: podman (default) or kubernetes (Jobs, through the cluster's kubeconfig)
 * @param kubernetes the Job runtime's settings
 * @param pipelineOutput what a pipeline may hand back, for either runtime
 * @param blobs where pipeline outputs are kept (docs/blob-store.md)
 * @param temporal the workers' Temporal options (the server itself is started by {@link TemporalServerEnvironment},
 *     before these are bound)
 */
@ConfigurationProperties("kratix")
public record KratixProperties(Path dataDir, Podman podman, Integer pipelineConcurrency, Workflows workflows,
    String pipelineRuntime, Kubernetes kubernetes, PipelineOutput pipelineOutput, Temporal temporal, Blobs blobs) {
  public static final String PODMAN = "podman";
  public static final String KUBERNETES = "kubernetes";

  public KratixProperties {
    if (pipelineRuntime == null || pipelineRuntime.isBlank()) pipelineRuntime = PODMAN;
    if (!pipelineRuntime.equals(PODMAN) && !pipelineRuntime.equals(KUBERNETES)) {
      throw new IllegalArgumentException("kratix.pipeline-runtime must be podman or kubernetes, got '" + pipelineRuntime + "'");
    }
    if (kubernetes == null) kubernetes = new Kubernetes(null, null, null, null, null, null, null);
    if (dataDir == null) dataDir = Path.of("data");
    if (podman == null) podman = new Podman(null, null, null, null, null, null, null);
    if (pipelineOutput == null) pipelineOutput = new PipelineOutput(null, null, null);
    if (pipelineConcurrency == null) pipelineConcurrency = 4;
    if (workflows == null) workflows = new Workflows(null, null, null, null, null);
    if (temporal == null) temporal = new Temporal(null);
    if (blobs == null) blobs = new Blobs(null, null, null, null, null, null, null, null, null);
  }

  /**
   * The blob store (kratix.blobs.*): pipeline outputs by sha256, so that workflow histories carry references.
   *
   * @param store folder (default: under the data dir, for one node) or s3 (a bucket every worker reaches)
   * @param bucket, prefix the bucket and key prefix for s3
   * @param endpoint, insecure the S3 endpoint as a BucketStateStore gives it (host:port; insecure = plain HTTP);
   *     unset: AWS's own
   * @param accessKeyId, secretAccessKey for s3; unset: the AWS SDK's default credential chain (IAM)
   * @param sweepInterval how often unreferenced blobs are collected (default 1h)
   * @param gracePeriod how old an unreferenced blob must be before it is deleted (default 1h)
   */
  public record Blobs(String store, String bucket, String prefix, String endpoint, Boolean insecure,
      String accessKeyId, String secretAccessKey, Duration sweepInterval, Duration gracePeriod) {
    public static final String FOLDER = "folder";
    public static final String S3 = "s3";

    public Blobs {
      if (store == null || store.isBlank()) store = FOLDER;
      if (!store.equals(FOLDER) && !store.equals(S3)) {
        throw new IllegalArgumentException("kratix.blobs.store must be folder or s3, got '" + store + "'");
      }
      if (store.equals(S3) && (bucket == null || bucket.isBlank())) {
        throw new IllegalArgumentException("kratix.blobs.bucket is required when kratix.blobs.store=s3");
      }
      if (prefix == null) prefix = "";
      if (insecure == null) insecure = false;
      if (sweepInterval == null) sweepInterval = Duration.ofHours(1);
      if (gracePeriod == null) gracePeriod = Duration.ofHours(1);
    }
  }

  /**
   * @param stickyScheduleToStartTimeout how long a workflow task waits for the worker that last ran it before any
   *     worker may take it; default 5s. 0 turns sticky tasks off: the in-memory server never moves a dead worker's
   *     sticky tasks back to the shared queue, so with workers in other processes it must be 0 there.
   */
  public record Temporal(Duration stickyScheduleToStartTimeout) {
    public Temporal {
      if (stickyScheduleToStartTimeout == null) stickyScheduleToStartTimeout = Duration.ofSeconds(5);
    }
  }

  /**
   * Kratix's reconciliation settings.
   *
   * @param reconciliationInterval default 10h (a Promise's spec.workflows.config.reconciliationInterval wins)
   * @param reconcileAfterFailure default true
   * @param convergeConcurrency requests converged at once after a Promise update; default 4, sized for two cores
   * @param maxHistoryEvents continue-as-new past this many history events; default 4000
   * @param stateStoreReconciliationInterval placements are written again this often to repair drift; default 10h, 0 = off
   */
  public record Workflows(String reconciliationInterval, Boolean reconcileAfterFailure, Integer convergeConcurrency,
      Integer maxHistoryEvents, String stateStoreReconciliationInterval) {
    public Workflows {
      if (stateStoreReconciliationInterval == null) stateStoreReconciliationInterval = "10h";
      if (maxHistoryEvents == null) maxHistoryEvents = 4000;
      if (reconciliationInterval == null) reconciliationInterval = "10h";
      if (reconcileAfterFailure == null) reconcileAfterFailure = true;
      if (convergeConcurrency == null) convergeConcurrency = 4;
    }
  }

  /**
   * The podman runtime (kratix.podman.*); unset values take the runtime's defaults.
   *
   * @param pidsLimit the most processes per container (default 256)
   * @param memory the most memory per container (default 512MB); a Promise's resources.limits.memory may only lower it
   * @param cpus CPU time per container in cores (default 1); a Promise's resources.limits.cpu may only lower it
   * @param timeout wall-clock time per container before it is killed and the pipeline fails (default 10m)
   */
  public record Podman(String command, List<String> globalArgs, List<String> runArgs, Integer pidsLimit,
      DataSize memory, Double cpus, Duration timeout) {}

  /**
   * kratix.pipeline-output.*; unset values take the defaults.
   *
   * @param maxBytes the most /kratix/output may hold (default 1500000B)
   * @param maxFiles the most files /kratix/output may hold (default 1000)
   * @param maxResultBytes the most a pipeline's result may take once encoded for Temporal (default 1500000B)
   */
  public record PipelineOutput(DataSize maxBytes, Integer maxFiles, DataSize maxResultBytes) {}

  /**
   * The Kubernetes Job runtime (kratix.kubernetes.*); unset values take the runtime's defaults.
   *
   * @param namespace where promise workflow Jobs run (default kratix-platform-system)
   * @param collectorImage the image of the Kratix containers that copy the object in and the outputs out
   * @param numberOfJobsToKeep finished Jobs kept per request and pipeline (default 5)
   * @param defaultBackoffLimit Job backoffLimit when a pipeline sets none (default: unset)
   * @param nodeSelector and tolerations: added to every pipeline pod
   * @param imagePullSecrets added to every pipeline pod
   */
  public record Kubernetes(String namespace, String collectorImage, Integer numberOfJobsToKeep, Integer defaultBackoffLimit,
      Map<String, String> nodeSelector, List<Toleration> tolerations, List<String> imagePullSecrets) {}
}

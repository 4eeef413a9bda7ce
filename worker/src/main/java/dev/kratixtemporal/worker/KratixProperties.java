package dev.kratixtemporal.worker;

import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.util.unit.DataSize;

/**
 * Settings under "kratix".
 *
 * @param dataDir where the worker keeps state-store clones, pipeline scratch folders and (dev) the local repo
 * @param podman the container CLI, its extra arguments and what each pipeline container may use (for the sandbox too)
 * @param pipelineConcurrency how many pipelines run at once on this worker
 * @param workflows reconciliation settings
 * @param pipelineRuntime where pipelines run: sandbox (default: bubblewrap, on this machine), podman, or kubernetes (Jobs,
 *     through the cluster's kubeconfig)
 * @param sandbox the sandbox runtime's settings (its container limits are kratix.podman.*)
 * @param kubernetes the Job runtime's settings
 * @param pipelineOutput what a pipeline may hand back, for either runtime
 * @param secrets where Secrets applied through the API are kept
 * @param blobs where pipeline outputs are kept (docs/blob-store.md)
 * @param slo what SLOs do beyond their status: the alert webhook (docs/slos.md)
 * @param temporal the workers' Temporal options (the server itself is started by {@link TemporalServerEnvironment},
 *     before these are bound)
 */
@ConfigurationProperties("kratix")
@Validated
public record KratixProperties(@NotNull Path dataDir, @Valid Podman podman, @Positive Integer pipelineConcurrency,
    @Valid Workflows workflows,
    @Pattern(regexp = SANDBOX + "|" + PODMAN + "|" + KUBERNETES, message = "must be " + SANDBOX + ", " + PODMAN + " or "
        + KUBERNETES) String pipelineRuntime, @Valid Sandbox sandbox,
    @Valid Kubernetes kubernetes, @Valid PipelineOutput pipelineOutput, @Valid Temporal temporal, @Valid Secrets secrets,
    @Valid Blobs blobs, @Valid Slo slo) {
  public static final String SANDBOX = "sandbox";
  public static final String PODMAN = "podman";
  public static final String KUBERNETES = "kubernetes";

  /** Defaults for what is unset; what is set is checked by the constraints, at start-up (docs in README, Settings). */
  public KratixProperties {
    if (pipelineRuntime == null || pipelineRuntime.isBlank()) pipelineRuntime = SANDBOX;
    if (sandbox == null) sandbox = new Sandbox(null, null, null);
    if (secrets == null) secrets = new Secrets(null, null);
    if (kubernetes == null) kubernetes = new Kubernetes(null, null, null, null, null, null, null);
    if (dataDir == null) dataDir = Path.of("data");
    if (podman == null) podman = new Podman(null, null, null, null, null, null, null);
    if (pipelineOutput == null) pipelineOutput = new PipelineOutput(null, null, null);
    if (pipelineConcurrency == null) pipelineConcurrency = 4;
    if (workflows == null) workflows = new Workflows(null, null, null, null, null);
    if (temporal == null) temporal = new Temporal(null, null, null, null);
    if (blobs == null) blobs = new Blobs(null, null, null, null, null, null, null, null, null);
    if (slo == null) slo = new Slo(null);
  }

  /** kratix.slo.*. */
  public record Slo(@Valid Webhook webhook) {
    public Slo {
      if (webhook == null) webhook = new Webhook(null, null);
    }
  }

  /**
   * kratix.slo.webhook.*: where an SLO's alert changes are POSTed (docs/slos.md, "Alert webhook").
   *
   * @param url unset: no webhook
   * @param headers sent with each call, e.g. {@code kratix.slo.webhook.headers[Authorization]=Bearer ...}
   */
  public record Webhook(@Pattern(regexp = "https?://.+", message = "must be an http or https URL") String url,
      Map<String, String> headers) {
    /** Header values may be tokens: never printed. */
    @Override
    public String toString() {
      return "Webhook[url=" + url + ", headers=" + (headers == null ? "{}" : headers.keySet()) + "]";
    }
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
  public record Blobs(@Pattern(regexp = "folder|s3", message = "must be folder or s3") String store, String bucket,
      String prefix, String endpoint, Boolean insecure, String accessKeyId, String secretAccessKey,
      @DurationMin(seconds = 1) Duration sweepInterval, @DurationMin(nanos = 0) Duration gracePeriod) {
    public static final String FOLDER = "folder";
    public static final String S3 = "s3";

    public Blobs {
      if (store == null || store.isBlank()) store = FOLDER;
      if (prefix == null) prefix = "";
      if (insecure == null) insecure = false;
      if (sweepInterval == null) sweepInterval = Duration.ofHours(1);
      if (gracePeriod == null) gracePeriod = Duration.ofHours(1);
    }

    @AssertTrue(message = "kratix.blobs.bucket is required when kratix.blobs.store=s3")
    public boolean isBucketGivenForS3() {
      return !S3.equals(store) || (bucket != null && !bucket.isBlank());
    }
  }

  /**
   * @param stickyScheduleToStartTimeout how long a workflow task waits for the worker that last ran it before any
   *     worker may take it; default 5s. 0 turns sticky tasks off: the in-memory server never moves a dead worker's
   *     sticky tasks back to the shared queue, so with workers in other processes it must be 0 there.
   * @param codec {@code aes-gcm} (default): every payload written to Temporal is encrypted with the install's key
   *     (kratix.secrets.key); {@code none}: new payloads stay plain (encrypted ones still decode)
   * @param codecAllowedOrigins the browser origins (the Temporal Web UI) the codec endpoint /codec answers; default
   *     http://localhost and http://127.0.0.1 on the Web UI's port
   * @param workflowCacheSize workflows this worker keeps in memory between their tasks; default 2000. One evicted
   *     replays its whole history at its next task, so it should hold every object that is busy at once (the SDK's
   *     own default, 600, made 1,000 concurrent requests replay again and again)
   */
  public record Temporal(@DurationMin(nanos = 0) Duration stickyScheduleToStartTimeout,
      @Pattern(regexp = "aes-gcm|none", message = "must be aes-gcm or none") String codec,
      List<String> codecAllowedOrigins, @Positive Integer workflowCacheSize) {
    public static final String AES_GCM = "aes-gcm";
    public static final String NONE = "none";

    public Temporal {
      if (stickyScheduleToStartTimeout == null) stickyScheduleToStartTimeout = Duration.ofSeconds(5);
      if (codec == null || codec.isBlank()) codec = AES_GCM;
      codecAllowedOrigins = codecAllowedOrigins == null ? List.of() : List.copyOf(codecAllowedOrigins);
      if (workflowCacheSize == null) workflowCacheSize = 2000;
    }

    public boolean encrypts() {
      return codec.equals(AES_GCM);
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
  public record Workflows(@GoDurationSetting String reconciliationInterval, Boolean reconcileAfterFailure,
      @Positive Integer convergeConcurrency, @Positive Integer maxHistoryEvents,
      @GoDurationSetting String stateStoreReconciliationInterval) {
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
  public record Podman(String command, List<String> globalArgs, List<String> runArgs, @PositiveOrZero Integer pidsLimit,
      @NonNegativeSize DataSize memory, @PositiveOrZero Double cpus, @DurationMin(nanos = 0) Duration timeout) {}

  /**
   * The sandbox runtime (kratix.sandbox.*): each container under bubblewrap in its image's cached root filesystem;
   * the images come from podman's local storage (kratix.podman.command and global-args), the limits are kratix.podman.*.
   *
   * @param command the bubblewrap binary (default bwrap on PATH)
   * @param maxImages how many images' root filesystems are cached under the data dir (default 20; least recently used
   *     go first)
   * @param network true: pipelines share the host's network; false (default): only a loopback of their own
   */
  public record Sandbox(String command, @PositiveOrZero Integer maxImages, Boolean network) {}

  /**
   * kratix.pipeline-output.*; unset values take the defaults.
   *
   * @param maxBytes the most /kratix/output may hold (default 1500000B)
   * @param maxFiles the most files /kratix/output may hold (default 1000)
   * @param maxResultBytes the most a pipeline's result may take once encoded for Temporal (default 1500000B)
   */
  public record PipelineOutput(@NonNegativeSize DataSize maxBytes, @PositiveOrZero Integer maxFiles,
      @NonNegativeSize DataSize maxResultBytes) {}

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
  public record Kubernetes(String namespace, String collectorImage, @PositiveOrZero Integer numberOfJobsToKeep,
      @PositiveOrZero Integer defaultBackoffLimit,
      Map<String, String> nodeSelector, List<Toleration> tolerations, List<String> imagePullSecrets) {}

  /**
   * Where Secrets applied through the API are kept (kratix.secrets.*).
   *
   * @param source file (default: encrypted in the data folder) or kubernetes (Secrets of the cluster)
   * @param key the file source's AES-256 key, base64 of 32 bytes; unset: a key file made beside the secrets
   */
  public record Secrets(@Pattern(regexp = "file|kubernetes", message = "must be file or kubernetes") String source,
      @AesKeySetting SecretKey key) {
    public Secrets {
      if (source == null || source.isBlank()) source = "file";
    }
  }

  /** The key's text; never printed, not even in a start-up failure. */
  public record SecretKey(String base64) {
    @Override
    public String toString() {
      return "(hidden)";
    }
  }
}

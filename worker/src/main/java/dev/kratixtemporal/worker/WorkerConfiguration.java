package dev.kratixtemporal.worker;

import dev.kratixtemporal.activities.alerts.AlertWebhookSettings;
import dev.kratixtemporal.activities.alerts.HttpAlertWebhook;
import dev.kratixtemporal.activities.blobs.BlobStore;
import dev.kratixtemporal.activities.blobs.BlobStoreActivities;
import dev.kratixtemporal.activities.blobs.BlobSweeper;
import dev.kratixtemporal.activities.blobs.FolderBlobStore;
import dev.kratixtemporal.activities.blobs.S3BlobStore;
import dev.kratixtemporal.activities.catalog.TemporalCatalogActivities;
import dev.kratixtemporal.activities.catalog.TemporalHealthDefinitionActivities;
import dev.kratixtemporal.activities.catalog.TemporalCanaryActivities;
import dev.kratixtemporal.activities.codec.AesGcmPayloadCodec;
import dev.kratixtemporal.activities.pipeline.ContainerLimits;
import dev.kratixtemporal.activities.pipeline.OutputLimits;
import dev.kratixtemporal.activities.pipeline.PodmanPipelineActivities;
import dev.kratixtemporal.activities.pipeline.PodmanSettings;
import dev.kratixtemporal.activities.pipeline.SandboxPipelineActivities;
import dev.kratixtemporal.activities.pipeline.SandboxSettings;
import dev.kratixtemporal.activities.pipeline.kubernetes.KubernetesJobPipelineActivities;
import dev.kratixtemporal.activities.pipeline.kubernetes.KubernetesJobSettings;
import dev.kratixtemporal.activities.secrets.EncryptedFileSecrets;
import dev.kratixtemporal.activities.secrets.KubernetesSecrets;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.activities.secrets.SecretsKey;
import dev.kratixtemporal.activities.statestore.BucketStateStoreWriter;
import dev.kratixtemporal.activities.statestore.GitStateStoreWriter;
import dev.kratixtemporal.activities.statestore.S3Clients;
import dev.kratixtemporal.activities.statestore.StateStoreWriters;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.workflow.CanaryWorkflowImpl;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflowImpl;
import dev.kratixtemporal.workflow.HealthCheckWorkflowImpl;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PlatformWorkflowImpl;
import dev.kratixtemporal.workflow.PromiseWorkflowImpl;
import dev.kratixtemporal.workflow.ResourceWorkflowImpl;
import dev.kratixtemporal.workflow.SloWorkflowImpl;
import dev.kratixtemporal.workflow.StateStoreWorkflowImpl;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the workflows and activities on their task queues and makes sure the catalog workflow runs. */
@Configuration
@EnableConfigurationProperties(KratixProperties.class)
@EnableScheduling
public class WorkerConfiguration {

  @Bean
  public Path kratixDataDir(KratixProperties props) throws IOException {
    return Files.createDirectories(props.dataDir().toAbsolutePath());
  }

  /**
   * Where pipeline outputs are kept (docs/blob-store.md): a folder under the data dir on one node, an S3 bucket
   * that every worker reaches in a cluster.
   */
  @Bean
  public BlobStore kratixBlobStore(KratixProperties props, Path kratixDataDir) {
    KratixProperties.Blobs b = props.blobs();
    if (b.store().equals(KratixProperties.Blobs.FOLDER)) return new FolderBlobStore(kratixDataDir.resolve("blobs"));
    URI endpoint = b.endpoint() == null || b.endpoint().isBlank()
        ? URI.create("https://s3.amazonaws.com") : S3Clients.endpoint(b.endpoint(), b.insecure());
    return new S3BlobStore(S3Clients.create(endpoint, S3Clients.credentials(b.accessKeyId(), b.secretAccessKey())),
        b.bucket(), b.prefix());
  }

  /** Collects blobs no workflow refers to any more, every kratix.blobs.sweep-interval. */
  @Bean
  public SchedulingConfigurer kratixBlobSweeping(BlobStore kratixBlobStore, KratixProperties props) {
    BlobSweeper sweeper = new BlobSweeper(kratixBlobStore, props.blobs().gracePeriod(), Clock.systemUTC());
    return registrar -> registrar.addFixedDelayTask(() -> {
      try {
        sweeper.sweep();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(BlobSweeper.class).warn("blob sweep failed; next in {}: {}",
            props.blobs().sweepInterval(), e.toString());
      }
    }, props.blobs().sweepInterval());
  }

  /**
   * The default runtime: each container under bubblewrap in its image's root filesystem, cached under the data dir.
   * Exactly one PipelineActivities bean exists.
   */
  @Bean
  @ConditionalOnProperty(name = "kratix.pipeline-runtime", havingValue = KratixProperties.SANDBOX, matchIfMissing = true)
  public PipelineActivities sandboxPipelineActivities(KratixProperties props, Path kratixDataDir, BlobStore kratixBlobStore)
      throws IOException {
    return new SandboxPipelineActivities(sandboxSettings(props, Files.createDirectories(kratixDataDir.resolve("pipelines")),
        kratixDataDir.resolve("images")), kratixBlobStore);
  }

  /** kratix.sandbox.*, with podman's CLI (for the images) and the container limits of kratix.podman.*. */
  static SandboxSettings sandboxSettings(KratixProperties props, Path workDir, Path imageCache) {
    KratixProperties.Sandbox s = props.sandbox();
    PodmanSettings podman = podmanSettings(props, workDir);
    return new SandboxSettings(s.command(), podman.command(), podman.globalArgs(), workDir, imageCache,
        s.maxImages() == null ? 0 : s.maxImages(), Boolean.TRUE.equals(s.network()), SandboxSettings.DEFAULT_CGROUP_ROOT,
        podman.outputLimits(), podman.containerLimits());
  }

  /** kratix.pipeline-runtime=podman: containers through the podman CLI. */
  @Bean
  @ConditionalOnProperty(name = "kratix.pipeline-runtime", havingValue = KratixProperties.PODMAN)
  public PipelineActivities pipelineActivities(KratixProperties props, Path kratixDataDir, BlobStore kratixBlobStore)
      throws IOException {
    return new PodmanPipelineActivities(podmanSettings(props, Files.createDirectories(kratixDataDir.resolve("pipelines"))),
        kratixBlobStore);
  }

  /** kratix.podman.* and kratix.pipeline-output.*; unset values are zero or null: the runtime's defaults. */
  static PodmanSettings podmanSettings(KratixProperties props, Path workDir) {
    KratixProperties.Podman p = props.podman();
    return new PodmanSettings(
        p.command() == null ? "podman" : p.command(),
        p.globalArgs() == null ? java.util.List.of() : p.globalArgs(),
        p.runArgs() == null ? PodmanSettings.DEFAULT_RUN_ARGS : p.runArgs(),
        workDir,
        outputLimits(props.pipelineOutput()),
        new ContainerLimits(p.pidsLimit() == null ? 0 : p.pidsLimit(), p.memory() == null ? 0 : p.memory().toBytes(),
            p.cpus() == null ? 0 : p.cpus(), p.timeout()));
  }

  /** Unset values are zero: the runtime's defaults. */
  static OutputLimits outputLimits(KratixProperties.PipelineOutput o) {
    return new OutputLimits(o.maxBytes() == null ? 0 : o.maxBytes().toBytes(), o.maxFiles() == null ? 0 : o.maxFiles(),
        o.maxResultBytes() == null ? 0 : o.maxResultBytes().toBytes());
  }

  /** The cluster the Job runtime talks to: kubeconfig or in-cluster service account, as fabric8 finds them. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "kratix.pipeline-runtime", havingValue = KratixProperties.KUBERNETES)
  public KubernetesClient kratixKubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  /** kratix.pipeline-runtime=kubernetes: each pipeline run is a Kubernetes Job. */
  @Bean
  @ConditionalOnProperty(name = "kratix.pipeline-runtime", havingValue = KratixProperties.KUBERNETES)
  public PipelineActivities kubernetesPipelineActivities(KratixProperties props, KubernetesClient kratixKubernetesClient,
      BlobStore kratixBlobStore) {
    KratixProperties.Kubernetes k = props.kubernetes();
    return new KubernetesJobPipelineActivities(kratixKubernetesClient, new KubernetesJobSettings(k.namespace(),
        k.collectorImage(), k.numberOfJobsToKeep() == null ? KubernetesJobSettings.DEFAULT_JOBS_TO_KEEP : k.numberOfJobsToKeep(),
        k.defaultBackoffLimit(), k.nodeSelector(), k.tolerations(), k.imagePullSecrets(), outputLimits(props.pipelineOutput()), null),
        kratixBlobStore);
  }

  /** Secrets applied through the API, encrypted in the data folder; workflows only ever carry their names. */
  @Bean
  @ConditionalOnProperty(name = "kratix.secrets.source", havingValue = "file", matchIfMissing = true)
  public Secrets kratixSecrets(Path kratixDataDir, KratixProperties props) {
    KratixProperties.SecretKey key = props.secrets().key();
    return new EncryptedFileSecrets(kratixDataDir.resolve("secrets"), key == null ? null : key.base64());
  }

  /** On a platform cluster a store's secretRef names a Kubernetes Secret, as with Kratix. */
  @Bean
  @ConditionalOnProperty(name = "kratix.secrets.source", havingValue = "kubernetes")
  public Secrets kubernetesSecrets(ObjectProvider<KubernetesClient> client) {
    return new KubernetesSecrets(client.getIfAvailable(() -> new KubernetesClientBuilder().build()));
  }

  /**
   * Every payload the starter's WorkflowClient (and so every worker built on it) writes to Temporal goes through this
   * codec: Kratix objects, statuses and pipeline results are encrypted in history. Same key as the Secrets.
   */
  @Bean
  public AesGcmPayloadCodec kratixPayloadCodec(KratixProperties props, Path kratixDataDir,
      @Value("${kratix.secrets.key:}") String key) {
    return new AesGcmPayloadCodec(SecretsKey.load(kratixDataDir.resolve("secrets"), key), props.temporal().encrypts());
  }

  /** The only DataConverter bean: the Temporal starter builds its WorkflowClient with it. Failure messages too. */
  @Bean
  public DataConverter kratixDataConverter(AesGcmPayloadCodec kratixPayloadCodec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(kratixPayloadCodec), true);
  }

  @Bean
  public StateStoreWriters stateStoreActivities(Path kratixDataDir, Secrets kratixSecrets, BlobStore kratixBlobStore)
      throws IOException {
    return new StateStoreWriters(
        new GitStateStoreWriter(Files.createDirectories(kratixDataDir.resolve("clones")), kratixSecrets),
        new BucketStateStoreWriter(kratixSecrets), kratixBlobStore);
  }

  @Bean
  public TemporalCatalogActivities catalogActivities(WorkflowClient client, KratixProperties props) {
    // The intervals were checked at start-up (@GoDurationSetting): the workflows' parsing of them cannot fail.
    KratixProperties.Workflows w = props.workflows();
    return new TemporalCatalogActivities(client,
        new PlatformSettings(w.reconciliationInterval(), w.reconcileAfterFailure(), w.convergeConcurrency(),
            w.maxHistoryEvents(), w.stateStoreReconciliationInterval()));
  }

  /** Our own factory: the starter makes one only for workers declared in its properties. */
  @Bean(destroyMethod = "shutdown")
  public WorkerFactory kratixWorkerFactory(WorkflowClient client, KratixProperties props,
      PipelineActivities pipelineActivities, StateStoreWriters stateStoreActivities,
      TemporalCatalogActivities catalogActivities, BlobStore kratixBlobStore) {
    int cached = props.temporal().workflowCacheSize();
    // A cached workflow keeps its thread (two when a fan-out runs): the thread pool follows the cache.
    WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(cached).setMaxWorkflowThreadCount(2 * cached).build());
    Worker orchestration = factory.newWorker(WorkflowIds.TASK_QUEUE, WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(props.temporal().stickyScheduleToStartTimeout()).build());
    orchestration.registerWorkflowImplementationTypes(PlatformWorkflowImpl.class, PromiseWorkflowImpl.class,
        ResourceWorkflowImpl.class, DestinationWorkflowImpl.class, StateStoreWorkflowImpl.class,
        HealthCheckWorkflowImpl.class, SloWorkflowImpl.class, CanaryWorkflowImpl.class);
    orchestration.registerActivitiesImplementations(stateStoreActivities, catalogActivities,
        new BlobStoreActivities(kratixBlobStore), new TemporalHealthDefinitionActivities(client),
        new TemporalCanaryActivities(client, catalogActivities),
        new HttpAlertWebhook(new AlertWebhookSettings(props.slo().webhook().url(), props.slo().webhook().headers())));
    Worker pipelines = factory.newWorker(PipelineActivities.TASK_QUEUE, WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(props.pipelineConcurrency()).build());
    pipelines.registerActivitiesImplementations(pipelineActivities);
    return factory;
  }

  /** Starts polling once the application is up, and makes sure the catalog workflow runs. */
  @Bean
  public ApplicationListener<ApplicationReadyEvent> kratixWorkerStarter(WorkerFactory kratixWorkerFactory,
      WorkflowClient client, @Value("${kratix.worker.enabled:true}") boolean enabled) {
    return event -> {
      SearchAttributeRegistration.register(client.getWorkflowServiceStubs().getOptions(), client.getOptions().getNamespace());
      startPlatform(client);
      if (enabled) kratixWorkerFactory.start();
    };
  }

  /** The catalog workflow must exist before any other workflow signals it. */
  static void startPlatform(WorkflowClient client) {
    PlatformWorkflow platform = client.newWorkflowStub(PlatformWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.PLATFORM).setTaskQueue(WorkflowIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    try {
      WorkflowClient.start(platform::run, new Catalog());
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Already running: nothing to do.
    }
  }
}

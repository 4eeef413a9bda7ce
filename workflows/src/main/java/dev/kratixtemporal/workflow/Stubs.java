package dev.kratixtemporal.workflow;

import dev.kratixtemporal.activity.AlertWebhookActivities;
import dev.kratixtemporal.activity.BlobActivities;
import dev.kratixtemporal.activity.CatalogActivities;
import dev.kratixtemporal.activity.HealthDefinitionActivities;
import dev.kratixtemporal.activity.PipelineActivities;
import dev.kratixtemporal.activity.StateStoreActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Activity stubs with the timeouts and retries each kind of work needs, and workflow-clock helpers. */
final class Stubs {
  /** Faults in the world (runtime down, store unreachable) are retried with backoff. */
  private static final RetryOptions WORLD_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1)).setBackoffCoefficient(2).setMaximumInterval(Duration.ofMinutes(1))
      .build();

  private Stubs() {}

  static PipelineActivities pipelines() {
    return Workflow.newActivityStub(PipelineActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(PipelineActivities.TASK_QUEUE)
        // An outer bound only: each container has its own wall-clock timeout (kratix.podman.timeout, a failed
        // result, never retried), and a dead worker is noticed through the heartbeat.
        .setStartToCloseTimeout(Duration.ofHours(2))
        // The SDK sends heartbeats at most every 80% of this, and a cancellation reaches the activity only with a
        // heartbeat's answer: short enough that a delete stops a container within seconds.
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        // A delete waits until the runtime has removed the container (UntilDeleted).
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(WORLD_RETRIES.toBuilder().setMaximumAttempts(10).build())
        .build());
  }

  /**
   * Attempts of one store write: 1 s doubling to 1 min between them, so about 4 minutes of a store that is down
   * (a restart, a network blip) before the write gives up; the object then says why on its status and tries again
   * later (docs/store-writes.md). What retrying cannot fix fails at once, non-retryable, from the writer.
   */
  static final int STORE_WRITE_ATTEMPTS = 10;

  static StateStoreActivities stores() {
    return Workflow.newActivityStub(StateStoreActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        // Writes heartbeat: a worker that dies mid-write hands it to another within seconds.
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(WORLD_RETRIES.toBuilder().setMaximumAttempts(STORE_WRITE_ATTEMPTS).build())
        .build());
  }

  /** Readiness checks report failure as status, so they give up quickly. */
  static StateStoreActivities storeChecks() {
    return Workflow.newActivityStub(StateStoreActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(WORLD_RETRIES.toBuilder().setMaximumAttempts(3).build())
        .build());
  }

  /**
   * Histories recorded before: catalog reads and blob bookkeeping were activities on the task queue, each costing
   * six events and a round trip through the server; as local activities they cost one marker event each.
   */
  static final String LOCAL_CALLS = "local-catalog-and-blob-calls";
  /**
   * How long a local activity is retried. The SDK does not retry a local activity at all when it has neither a
   * schedule-to-close timeout nor a maximum of attempts: this bound, as long as a remote activity's unbounded
   * retries in practice, keeps a busy Promise's query timing out from failing the request's workflow.
   */
  static final Duration LOCAL_RETRIES_FOR = Duration.ofDays(365);

  /** Applies emitted HealthDefinitions: a few tries; a definition not applied is tried again by the next configure run. */
  static HealthDefinitionActivities healthDefinitions() {
    return Workflow.newActivityStub(HealthDefinitionActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(WORLD_RETRIES.toBuilder().setMaximumAttempts(5).build())
        .build());
  }

  /** How often an SLO's alert change is POSTed before it is given up (and the SLO's status says so). */
  static final int WEBHOOK_ATTEMPTS = 5;

  /** The alert webhook: 5 attempts, 1 s doubling, about 15 s of waits in all; a receiver that is down is not waited for. */
  static AlertWebhookActivities alertWebhook() {
    return Workflow.newActivityStub(AlertWebhookActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(WORLD_RETRIES.toBuilder().setMaximumAttempts(WEBHOOK_ATTEMPTS).build())
        .build());
  }

  /** The blob store: a local folder or a bucket, quick to answer; retried like the stores. */
  static BlobActivities blobs() {
    if (local()) {
      return Workflow.newLocalActivityStub(BlobActivities.class, LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1)).setScheduleToCloseTimeout(LOCAL_RETRIES_FOR)
          .setRetryOptions(WORLD_RETRIES).build());
    }
    return Workflow.newActivityStub(BlobActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(WORLD_RETRIES)
        .build());
  }

  /** Reads of other workflows and of the settings, quick to answer, run by the worker that runs the workflow. */
  static CatalogActivities catalog() {
    if (local()) {
      return Workflow.newLocalActivityStub(CatalogActivities.class, LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30)).setScheduleToCloseTimeout(LOCAL_RETRIES_FOR)
          .setRetryOptions(WORLD_RETRIES).build());
    }
    return Workflow.newActivityStub(CatalogActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(WORLD_RETRIES)
        .build());
  }

  /** A canary's applies, checks and deletes: quick calls to other workflows, retried like the world's faults. */
  static dev.kratixtemporal.activity.CanaryActivities canaries() {
    return Workflow.newActivityStub(dev.kratixtemporal.activity.CanaryActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(WORLD_RETRIES)
        .build());
  }

  private static boolean local() {
    return Workflow.getVersion(LOCAL_CALLS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** RFC 3339 time on the workflow clock (deterministic). */
  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

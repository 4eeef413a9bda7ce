package dev.kratixtemporal.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.StoreRef;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationReport;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.DestinationWorkflowState;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PlatformWorkflowImpl;
import dev.kratixtemporal.workflow.StoreReport;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One Destination whose workflow cannot answer (no worker polls its task queue) never blocks the others: the ready
 * Destinations are the Platform's snapshot, read with one query, and no Destination's workflow is asked. Runs the
 * real PlatformWorkflow on Temporal's in-process test server.
 */
class ReadyDestinationsDeadlineTest {
  /** The client's own query timeout: far longer than the call may take, so a query of the silent one would show. */
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
  private static final GitStateStore STORE = new GitStateStore("rdd-store", "/nowhere", "main", "", "kratix",
      "kratix@kratix.io", "basicAuth", null);

  TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
      .setWorkflowServiceStubsOptions(WorkflowServiceStubsOptions.newBuilder().setRpcQueryTimeout(QUERY_TIMEOUT).build())
      .build());

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aDestinationWhoseWorkflowCannotAnswerBlocksNobody() {
    env.newWorker(WorkflowIds.TASK_QUEUE).registerWorkflowImplementationTypes(PlatformWorkflowImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    PlatformWorkflow platform = client.newWorkflowStub(PlatformWorkflow.class, options(WorkflowIds.PLATFORM, WorkflowIds.TASK_QUEUE));
    WorkflowClient.start(platform::run, (Catalog) null);
    platform.storeReported(new StoreReport("GitStateStore", STORE, true, 0));
    for (String name : List.of("rdd-a", "rdd-silent", "rdd-b")) {
      // rdd-silent's workflow sits on a task queue no worker polls: it could not answer a query.
      String queue = name.equals("rdd-silent") ? "rdd-no-worker" : WorkflowIds.TASK_QUEUE;
      WorkflowClient.start(client.newWorkflowStub(DestinationWorkflow.class, options(WorkflowIds.destination(name), queue))::run,
          new DestinationWorkflowState());
      platform.destinationReported(new DestinationReport(new Destination(name, Map.of(), name,
          new StoreRef("GitStateStore", "rdd-store"), false, Destination.NESTED, "aggregated.yaml", "none", true),
          !name.equals("rdd-silent")));
    }

    TemporalCatalogActivities catalog = new TemporalCatalogActivities(client, new PlatformSettings("10h", true, 4, 4000, "10h"));
    long start = System.nanoTime();
    List<DestinationState> ready = catalog.readyDestinations();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(ready).extracting(d -> d.destination().name()).containsExactly("rdd-a", "rdd-b");
    assertThat(ready).allSatisfy(d -> assertThat(d.store()).isEqualTo(STORE));
    assertThat(catalog.registeredDestinations()).containsExactlyInAnyOrder("rdd-a", "rdd-silent", "rdd-b");
    assertThat(millis).isLessThan(QUERY_TIMEOUT.toMillis() / 2);
  }

  private static WorkflowOptions options(String id, String queue) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build();
  }
}

package dev.kratixtemporal.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.DestinationState;
import dev.kratixtemporal.activity.PlatformSettings;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.workflow.ApplyResult;
import dev.kratixtemporal.workflow.Catalog;
import dev.kratixtemporal.workflow.DestinationWorkflow;
import dev.kratixtemporal.workflow.ObjectState;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.PlatformWorkflowImpl;
import dev.kratixtemporal.workflow.StateStoreWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One Destination whose workflow cannot answer (its worker is gone: no worker polls its task queue) never blocks
 * the others: readyDestinations answers within the per-Destination deadline with those that answered. Runs the
 * real PlatformWorkflow on Temporal's in-process test server; the Destination and store workflows here are stand-ins
 * that only answer the status query.
 */
class ReadyDestinationsDeadlineTest {
  private static final String NOBODY = "rdd-no-worker";
  /** The client's own query timeout: far longer than the deadline, so only the deadline can make the call return early. */
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

  TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
      .setWorkflowServiceStubsOptions(WorkflowServiceStubsOptions.newBuilder().setRpcQueryTimeout(QUERY_TIMEOUT).build())
      .build());

  @AfterEach
  void stop() {
    env.close();
  }

  /** A Destination that is Ready on GitStateStore rdd-store. */
  public static class AnsweringDestination implements DestinationWorkflow {
    @Override
    public void run(ObjectState state) {
      Workflow.await(() -> false);
    }

    @Override
    public ObjectNode status() {
      String name = Workflow.getInfo().getWorkflowId().substring("destination/".length());
      return KratixYaml.parseOne("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: Destination
          metadata: {name: %s}
          spec: {path: %s, stateStoreRef: {kind: GitStateStore, name: rdd-store}}
          status: {conditions: [{type: Ready, status: "True"}]}
          """.formatted(name, name));
    }

    @Override
    public void storeChanged() {}

    @Override
    public ApplyResult apply(ObjectNode document) {
      return null;
    }

    @Override
    public void validateApply(ObjectNode document) {}

    @Override
    public void reconcile() {}

    @Override
    public void delete() {}
  }

  public static class ReadyStore implements StateStoreWorkflow {
    @Override
    public void run(ObjectState state) {
      Workflow.await(() -> false);
    }

    @Override
    public ObjectNode status() {
      return KratixYaml.parseOne("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: GitStateStore
          metadata: {name: rdd-store}
          spec: {url: /nowhere, branch: main}
          status: {conditions: [{type: Ready, status: "True"}]}
          """);
    }

    @Override
    public ApplyResult apply(ObjectNode document) {
      return null;
    }

    @Override
    public void validateApply(ObjectNode document) {}

    @Override
    public void reconcile() {}

    @Override
    public void delete() {}
  }

  @Test
  void aDestinationThatCannotAnswerCountsAsNotReadyAndTheOthersAreStillReturned() {
    env.newWorker(WorkflowIds.TASK_QUEUE).registerWorkflowImplementationTypes(PlatformWorkflowImpl.class,
        AnsweringDestination.class, ReadyStore.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    PlatformWorkflow platform = client.newWorkflowStub(PlatformWorkflow.class, options(WorkflowIds.PLATFORM, WorkflowIds.TASK_QUEUE));
    WorkflowClient.start(platform::run, (Catalog) null);
    WorkflowClient.start(client.newWorkflowStub(StateStoreWorkflow.class,
        options("gitstatestore/rdd-store", WorkflowIds.TASK_QUEUE))::run, new ObjectState());
    for (String name : List.of("rdd-a", "rdd-silent", "rdd-b")) {
      // rdd-silent's workflow sits on a task queue no worker polls: it cannot answer a query.
      String queue = name.equals("rdd-silent") ? NOBODY : WorkflowIds.TASK_QUEUE;
      WorkflowClient.start(client.newWorkflowStub(DestinationWorkflow.class, options(WorkflowIds.destination(name), queue))::run,
          new ObjectState());
      platform.destinationRegistered(name);
    }
    platform.storeRegistered("GitStateStore", "rdd-store");

    TemporalCatalogActivities catalog = new TemporalCatalogActivities(client,
        new PlatformSettings("10h", true, 4, 4000, "10h"), Duration.ofSeconds(2));
    long start = System.nanoTime();
    List<DestinationState> ready = catalog.readyDestinations();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(ready).extracting(d -> d.destination().name()).containsExactly("rdd-a", "rdd-b");
    assertThat(ready).allSatisfy(d -> assertThat(d.store().name()).isEqualTo("rdd-store"));
    assertThat(catalog.registeredDestinations()).containsExactly("rdd-a", "rdd-silent", "rdd-b");
    // The 2 s deadline, not the query's own 60 s timeout, bounds the call (with room for a loaded machine).
    assertThat(millis).isLessThan(QUERY_TIMEOUT.toMillis() / 2);
  }

  private static WorkflowOptions options(String id, String queue) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build();
  }
}

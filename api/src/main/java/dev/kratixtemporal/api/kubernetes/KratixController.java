package dev.kratixtemporal.api.kubernetes;

import dev.kratixtemporal.api.ApplyService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Controller mode: `kubectl apply -f promise.yaml` works as with Kratix. Watches the Kratix kinds and the APIs
 * Promises install, hands every change to ApplyService (the REST API's path) and writes the workflows' status back.
 * Workflow status is polled: every object's status query every {@code statusInterval}, written only on change.
 */
public class KratixController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KratixController.class);
  private final WorkQueue queue = new WorkQueue();
  private final Informers informers;
  private final ObjectReconciler reconciler;
  private final Duration statusInterval;

  public KratixController(KubernetesClient client, ApplyService applyService, WorkflowClient temporal,
      Duration statusInterval) {
    ClusterObjects cluster = new ClusterObjects(client);
    this.informers = new Informers(client, cluster, queue);
    PromiseApis promiseApis = new PromiseApis(cluster, informers, queue, temporal);
    this.reconciler = new ObjectReconciler(informers, cluster, applyService, temporal, promiseApis, queue);
    this.statusInterval = statusInterval;
  }

  public void start() {
    queue.start(reconciler::reconcile);
    KindRef.KRATIX_KINDS.forEach(informers::watch);
    // Polling, not pushing: the workflows know nothing of Kubernetes, and a query is cheap.
    queue.every(statusInterval, () -> reconciler.tracked().forEach(queue::enqueue));
    log.info("controller mode: watching platform.kratix.io, status polled every {}", statusInterval);
  }

  @Override
  public void close() {
    informers.close();
    queue.close();
  }
}

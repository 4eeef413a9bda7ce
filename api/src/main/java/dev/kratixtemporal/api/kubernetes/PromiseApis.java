package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.model.PromiseApi;
import dev.kratixtemporal.workflow.PlatformWorkflow;
import dev.kratixtemporal.workflow.WorkflowIds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The APIs Promises install: the CRD on the cluster (Kratix docs: Promise reconciliation) and a watch on its requests, and
 * both removed when the Promise is deleted (3.5 step 8).
 */
final class PromiseApis {
  private static final Logger log = LoggerFactory.getLogger(PromiseApis.class);
  private static final Duration CATALOG_POLL = Duration.ofMillis(500);
  private final ClusterObjects cluster;
  private final Informers informers;
  private final WorkQueue queue;
  private final WorkflowClient temporal;
  /** Promise name to the kind of its requests, and the CRD last installed for it (canonical JSON). */
  private final Map<String, KindRef> requestKinds = new ConcurrentHashMap<>();
  private final Map<String, String> installed = new ConcurrentHashMap<>();

  PromiseApis(ClusterObjects cluster, Informers informers, WorkQueue queue, WorkflowClient temporal) {
    this.cluster = cluster;
    this.informers = informers;
    this.queue = queue;
    this.temporal = temporal;
  }

  /** After a Promise was applied: install or update its CRD, then watch its requests. */
  void applied(JsonNode promise) {
    String name = Docs.name(promise);
    ObjectNode crd = PromiseCrd.from(promise);
    if (crd == null) return;
    String json = KratixYaml.canonicalJson(crd);
    if (!json.equals(installed.get(name))) {
      cluster.installCrd(crd);
      installed.put(name, json);
      log.info("installed CRD {} for Promise {}", Docs.name(crd), name);
    }
    PromiseApi api = Promise.parse(promise).api();
    KindRef kind = KindRef.requestsOf(name, api.group(), api.version(), api.kind(), api.plural());
    KindRef before = requestKinds.put(name, kind);
    if (before != null && !before.equals(kind)) informers.unwatch(before);
    watchOnceCataloged(name, kind, CATALOG_POLL);
  }

  /**
   * ApplyService finds a request's Promise in the platform catalog, which the PromiseWorkflow fills in just after
   * the apply: watching before that would reject the first requests as of an unknown kind.
   */
  private void watchOnceCataloged(String promise, KindRef kind, Duration wait) {
    if (!kind.equals(requestKinds.get(promise)) || informers.watching(kind)) return;
    try {
      if (promise.equals(platform().catalog().promiseFor(kind.group(), kind.kind()))) {
        informers.watch(kind);
        return;
      }
    } catch (RuntimeException e) {
      log.info("catalog not readable ({}), retrying", e.toString());
    }
    Duration next = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
    queue.later(() -> watchOnceCataloged(promise, kind, next), wait);
  }

  /**
   * After a Promise's workflow finished deleting (its requests' workflows with it): release and delete the request
   * objects left on the cluster, stop watching them and delete the CRD.
   */
  void deleted(JsonNode promise, Consumer<ObjectRef> forget) {
    String name = Docs.name(promise);
    installed.remove(name);
    KindRef kind = requestKinds.remove(name);
    if (kind != null) {
      informers.unwatch(kind);
      for (GenericKubernetesResource r : cluster.list(kind)) {
        ObjectRef ref = new ObjectRef(kind, r.getMetadata().getNamespace(), r.getMetadata().getName());
        cluster.edit(ref, Finalizer::without);
        cluster.delete(ref);
        forget.accept(ref);
      }
    }
    ObjectNode crd = PromiseCrd.from(promise);
    if (crd != null && cluster.deleteCrdOf(Docs.name(crd), name)) {
      log.info("deleted CRD {} of Promise {}", Docs.name(crd), name);
    }
  }

  private PlatformWorkflow platform() {
    return temporal.newWorkflowStub(PlatformWorkflow.class, WorkflowIds.PLATFORM);
  }
}

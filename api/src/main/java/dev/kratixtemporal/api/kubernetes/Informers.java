package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fabric8 informer per watched kind; events only enqueue, reads come from the informers' caches. */
final class Informers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Informers.class);
  /** A full resync now and then makes up for a retry that was lost (the status poll covers the rest). */
  private static final Duration RESYNC = Duration.ofMinutes(10);
  private final KubernetesClient client;
  private final ClusterObjects cluster;
  private final WorkQueue queue;
  private final Map<KindRef, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();

  Informers(KubernetesClient client, ClusterObjects cluster, WorkQueue queue) {
    this.client = client;
    this.cluster = cluster;
    this.queue = queue;
  }

  boolean watching(KindRef kind) {
    return informers.containsKey(kind);
  }

  void watch(KindRef kind) {
    informers.computeIfAbsent(kind, k -> {
      var op = client.genericKubernetesResources(k.context());
      ResourceEventHandler<GenericKubernetesResource> handler = new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource r) {
          queue.enqueue(ref(k, r));
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
          queue.enqueue(ref(k, r));
        }

        @Override
        public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
          queue.enqueue(ref(k, r));
        }
      };
      SharedIndexInformer<GenericKubernetesResource> informer =
          (k.namespaced() ? op.inAnyNamespace() : op).runnableInformer(RESYNC.toMillis());
      informer.addEventHandler(handler);
      // Not waiting for the first list: callers are the application-ready event and the reconcile thread.
      informer.start().whenComplete((ok, error) -> {
        if (error != null) log.warn("cannot watch {} ({})", k.kind(), k.crdName(), error);
      });
      log.info("watching {} ({})", k.kind(), k.crdName());
      return informer;
    });
  }

  void unwatch(KindRef kind) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.remove(kind);
    if (informer != null) {
      informer.stop();
      log.info("stopped watching {} ({})", kind.kind(), kind.crdName());
    }
  }

  /** The object as the informer last saw it; null when gone (or its kind is not watched). */
  ObjectNode cached(ObjectRef ref) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(ref.kind());
    if (informer == null) return null;
    GenericKubernetesResource r = informer.getStore().getByKey(Cache.namespaceKeyFunc(ref.namespace(), ref.name()));
    return r == null ? null : cluster.toNode(r);
  }

  private static ObjectRef ref(KindRef kind, GenericKubernetesResource r) {
    String namespace = r.getMetadata().getNamespace();
    return new ObjectRef(kind, namespace == null ? "" : namespace, r.getMetadata().getName());
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
  }
}

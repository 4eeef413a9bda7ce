package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The controller's reads and writes on the cluster. Every write starts from a fresh read and is retried on 409:
 * kubectl, the status poll and the reconciler may all have changed the object meanwhile.
 */
final class ClusterObjects {
  private static final int ATTEMPTS = 5;
  private final KubernetesClient client;

  ClusterObjects(KubernetesClient client) {
    this.client = client;
  }

  ObjectNode toNode(Object resource) {
    return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
  }

  ObjectNode get(ObjectRef ref) {
    GenericKubernetesResource r = resource(ref).get();
    return r == null ? null : toNode(r);
  }

  /**
   * Changes an object; {@code change} returns null when there is nothing to change.
   *
   * @return false when the object is gone
   */
  boolean edit(ObjectRef ref, UnaryOperator<GenericKubernetesResource> change) {
    return write(ref, change, false);
  }

  /** Writes status through the status subresource; {@code desired} gets the current status, null for no change. */
  boolean editStatus(ObjectRef ref, Function<JsonNode, ObjectNode> desired) {
    return write(ref, r -> {
      ObjectNode status = desired.apply(toNode(r).get("status"));
      if (status == null) return null;
      r.setAdditionalProperty("status", client.getKubernetesSerialization().convertValue(status, Map.class));
      return r;
    }, true);
  }

  private boolean write(ObjectRef ref, UnaryOperator<GenericKubernetesResource> change, boolean status) {
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource current = resource(ref).get();
      if (current == null) return false;
      GenericKubernetesResource changed = change.apply(current);
      if (changed == null) return true;
      try {
        Resource<GenericKubernetesResource> target = operation(ref.kind(), ref.namespace()).resource(changed);
        if (status) target.updateStatus();
        else target.update();
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) return false;
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) throw e;
      }
    }
  }

  List<GenericKubernetesResource> list(KindRef kind) {
    var op = client.genericKubernetesResources(kind.context());
    return new ArrayList<>((kind.namespaced() ? op.inAnyNamespace().list() : op.list()).getItems());
  }

  void delete(ObjectRef ref) {
    resource(ref).delete();
  }

  /** Creates the CRD or replaces the existing one's spec and labels. */
  void installCrd(ObjectNode crd) {
    CustomResourceDefinition desired = client.getKubernetesSerialization().convertValue(crd, CustomResourceDefinition.class);
    var crds = client.apiextensions().v1().customResourceDefinitions();
    for (int attempt = 1; ; attempt++) {
      CustomResourceDefinition existing = crds.withName(desired.getMetadata().getName()).get();
      try {
        if (existing == null) {
          crds.resource(desired).create();
        } else {
          existing.setSpec(desired.getSpec());
          existing.getMetadata().setLabels(desired.getMetadata().getLabels());
          crds.resource(existing).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) throw e;
      }
    }
  }

  /** Deletes a CRD only if the Promise installed it (its label says so): never one that was there before. */
  boolean deleteCrdOf(String name, String promise) {
    var crd = client.apiextensions().v1().customResourceDefinitions().withName(name);
    CustomResourceDefinition existing = crd.get();
    if (existing == null || existing.getMetadata().getLabels() == null
        || !promise.equals(existing.getMetadata().getLabels().get(PromiseCrd.PROMISE_NAME_LABEL))) {
      return false;
    }
    crd.delete();
    return true;
  }

  private Resource<GenericKubernetesResource> resource(ObjectRef ref) {
    return operation(ref.kind(), ref.namespace()).withName(ref.name());
  }

  private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> operation(
      KindRef kind, String namespace) {
    var op = client.genericKubernetesResources(kind.context());
    return kind.namespaced() ? op.inNamespace(namespace) : op;
  }
}

package dev.kratixtemporal.activities.pipeline.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads one container's log: a seam, so tests can stand in for a kubelet that a mock API server does not have. */
@FunctionalInterface
public interface PodLogs {
  String read(String namespace, String pod, String container);

  static PodLogs of(KubernetesClient client) {
    return (namespace, pod, container) -> client.pods().inNamespace(namespace).withName(pod).inContainer(container).getLog();
  }
}

package dev.kratixtemporal.activities.pipeline.kubernetes;

import dev.kratixtemporal.activities.pipeline.OutputLimits;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How pipeline Jobs are made and kept.
 *
 * @param platformNamespace where promise workflow Jobs run (Kratix: kratix-platform-system)
 * @param utilityImage runs the Kratix containers: the object copier and the output collector (needs sh, cp, tar, gzip, base64)
 * @param numberOfJobsToKeep finished Jobs kept per (promise, request, pipeline), oldest pruned first
 * @param defaultBackoffLimit Job backoffLimit when the pipeline sets none; null leaves it unset (Kubernetes: 6)
 * @param nodeSelector added to every pipeline pod (the pipeline's own entries win)
 * @param tolerations added to every pipeline pod before the pipeline's own
 * @param imagePullSecrets added to every pipeline pod before the pipeline's own (Kratix: PIPELINE_ADAPTER_PULL_SECRET)
 * @param outputLimits what a pipeline may hand back, as for podman
 * @param pollInterval how often a running Job is checked (and the activity heartbeats)
 */
public record KubernetesJobSettings(String platformNamespace, String utilityImage, int numberOfJobsToKeep,
    Integer defaultBackoffLimit, Map<String, String> nodeSelector, List<Toleration> tolerations,
    List<String> imagePullSecrets, OutputLimits outputLimits, Duration pollInterval) {

  public static final String DEFAULT_PLATFORM_NAMESPACE = "kratix-platform-system";
  /** The image our podman stand-ins are built from (deploy/pipeline-images). */
  public static final String DEFAULT_UTILITY_IMAGE = "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1";
  public static final int DEFAULT_JOBS_TO_KEEP = 5;

  public KubernetesJobSettings {
    if (platformNamespace == null || platformNamespace.isBlank()) platformNamespace = DEFAULT_PLATFORM_NAMESPACE;
    if (utilityImage == null || utilityImage.isBlank()) utilityImage = DEFAULT_UTILITY_IMAGE;
    if (numberOfJobsToKeep < 1) numberOfJobsToKeep = DEFAULT_JOBS_TO_KEEP;
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
    if (outputLimits == null) outputLimits = OutputLimits.defaults();
    if (pollInterval == null) pollInterval = Duration.ofSeconds(1);
  }

  public static KubernetesJobSettings defaults() {
    return new KubernetesJobSettings(null, null, DEFAULT_JOBS_TO_KEEP, null, null, null, null, null, null);
  }
}

package dev.kratixtemporal.api.kubernetes;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Translates a workflow's generation to the cluster's metadata.generation. Both count spec changes, but they
 * start apart (a workflow that outlived its custom resource, an apply through the REST API) and the API server
 * also bumps on changes the workflow takes as the same spec. Each apply records which cluster generation the
 * workflow's generation stands for; status.observedGeneration is written in the cluster's terms.
 */
public final class GenerationMap {
  /** Workflow generation to the highest cluster generation seen with that spec. */
  private final Map<Long, Long> clusterByWorkflow = new TreeMap<>();

  public void record(long workflowGeneration, long clusterGeneration) {
    clusterByWorkflow.merge(workflowGeneration, clusterGeneration, Math::max);
  }

  /** The cluster generation a workflow observed, or empty when this process never applied that generation. */
  public OptionalLong toCluster(long workflowGeneration) {
    Long cluster = clusterByWorkflow.get(workflowGeneration);
    return cluster == null ? OptionalLong.empty() : OptionalLong.of(cluster);
  }
}

package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What one pipeline container may use. The settings are both the default and the ceiling: a Promise's container may
 * ask for less through its Kubernetes {@code resources.limits}, never for more (its author is not the operator).
 *
 * @param pids the most processes (podman --pids-limit; the nproc ulimit does not hold for root in the container)
 * @param memoryBytes the most memory (podman --memory; past it the kernel kills the container: exit 137)
 * @param cpus the CPU time, in cores (podman --cpus)
 * @param timeout wall-clock time before the container is killed and the pipeline fails
 */
public record ContainerLimits(int pids, long memoryBytes, double cpus, Duration timeout) {
  public static final int DEFAULT_PIDS = 256;
  public static final long DEFAULT_MEMORY_BYTES = 512L * 1024 * 1024;
  public static final double DEFAULT_CPUS = 1.0;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** Unset (zero, negative or null) values take the defaults. */
  public ContainerLimits {
    if (pids <= 0) pids = DEFAULT_PIDS;
    if (memoryBytes <= 0) memoryBytes = DEFAULT_MEMORY_BYTES;
    if (cpus <= 0) cpus = DEFAULT_CPUS;
    if (timeout == null || timeout.isZero() || timeout.isNegative()) timeout = DEFAULT_TIMEOUT;
  }

  public static ContainerLimits defaults() {
    return new ContainerLimits(0, 0, 0, null);
  }

  /**
   * These limits lowered by a container's {@code resources.limits} (Kubernetes quantities: "256Mi", "500m"); absent or
   * unreadable values leave the setting as it is.
   */
  public ContainerLimits lowerTo(JsonNode containerResources) {
    JsonNode limits = containerResources == null ? null : containerResources.path("limits");
    if (limits == null || !limits.isObject()) return this;
    long memory = memoryBytes;
    BigDecimal askedMemory = quantity(limits.path("memory"), true);
    if (askedMemory != null && askedMemory.signum() > 0 && askedMemory.compareTo(BigDecimal.valueOf(memory)) < 0) {
      memory = askedMemory.longValue();
    }
    double cores = cpus;
    BigDecimal askedCpu = quantity(limits.path("cpu"), false);
    if (askedCpu != null && askedCpu.signum() > 0 && askedCpu.doubleValue() < cores) cores = askedCpu.doubleValue();
    return new ContainerLimits(pids, memory, cores, timeout);
  }

  private static BigDecimal quantity(JsonNode node, boolean bytes) {
    if (node == null || node.isMissingNode() || node.isNull()) return null;
    try {
      Quantity q = new Quantity(node.asText());
      return bytes ? Quantity.getAmountInBytes(q) : q.getNumericalAmount();
    } catch (RuntimeException e) {
      return null; // not a quantity: the apply-time check names it; here the setting stands
    }
  }
}

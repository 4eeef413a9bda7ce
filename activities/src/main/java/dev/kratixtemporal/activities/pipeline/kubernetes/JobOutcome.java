package dev.kratixtemporal.activities.pipeline.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads how a Job and its pods ended, from their status alone. */
final class JobOutcome {
  private JobOutcome() {}

  static boolean succeeded(Job job) {
    return condition(job, "Complete") || (job.getStatus() != null && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0);
  }

  static boolean failed(Job job) {
    return condition(job, "Failed");
  }

  static boolean finished(Job job) {
    return succeeded(job) || failed(job);
  }

  /** Why a failed Job failed: its condition's reason and message. */
  static String jobFailure(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) return "";
    return job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType()))
        .map(c -> (c.getReason() == null ? "" : c.getReason()) + (c.getMessage() == null ? "" : ": " + c.getMessage()))
        .findFirst().orElse("");
  }

  /**
   * The first container, in run order, that exited non-zero (in its current or previous state, since
   * restartPolicy OnFailure restarts it in place): "container NAME (IMAGE) exited with code N".
   */
  static Optional<String> failedContainer(Pod pod) {
    if (pod.getStatus() == null) return Optional.empty();
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) statuses.addAll(pod.getStatus().getInitContainerStatuses());
    if (pod.getStatus().getContainerStatuses() != null) statuses.addAll(pod.getStatus().getContainerStatuses());
    for (ContainerStatus s : statuses) {
      ContainerStateTerminated t = terminated(s);
      if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
        String detail = t.getReason() == null || t.getReason().equals("Error") ? "" : " (" + t.getReason() + ")";
        return Optional.of("container " + s.getName() + " (" + s.getImage() + ") exited with code " + t.getExitCode() + detail);
      }
    }
    return Optional.empty();
  }

  private static ContainerStateTerminated terminated(ContainerStatus s) {
    if (s.getState() != null && s.getState().getTerminated() != null) return s.getState().getTerminated();
    return s.getLastState() == null ? null : s.getLastState().getTerminated();
  }

  private static boolean condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) return false;
    for (JobCondition c : job.getStatus().getConditions()) {
      if (type.equals(c.getType()) && "True".equals(c.getStatus())) return true;
    }
    return false;
  }
}

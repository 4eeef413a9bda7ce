package dev.kratixtemporal.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs one pipeline's containers in order with the Kratix contract. Polled on the kratix-pipelines task queue. */
@ActivityInterface
public interface PipelineActivities {
  String TASK_QUEUE = "kratix-pipelines";

  /** A container exiting non-zero is a result (succeeded=false), not an exception. */
  @ActivityMethod
  PipelineResult runPipeline(PipelineRun run);
}

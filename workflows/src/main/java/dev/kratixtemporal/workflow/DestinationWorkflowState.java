package dev.kratixtemporal.workflow;

/** A Destination's state. */
public class DestinationWorkflowState extends EntityWorkflowState {
  /** The last report to the Platform, so that only a change is sent. */
  public DestinationReport destinationReport;
}

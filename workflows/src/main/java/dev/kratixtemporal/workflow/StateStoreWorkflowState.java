package dev.kratixtemporal.workflow;

/** A GitStateStore's or BucketStateStore's state. */
public class StateStoreWorkflowState extends EntityWorkflowState {
  /** The last report to the Platform, so that only a change is sent. */
  public StoreReport storeReport;
}

package dev.kratixtemporal.api.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the controller remembers about one custom resource between events (lost on restart, rebuilt by the next event). */
final class TrackedObject {
  /** The object's uid: one deleted and created again under the same name starts afresh. */
  final String uid;
  /** The last document applied or rejected: an event with the same document changes nothing. */
  ObjectNode lastSeen;
  /** The workflow generation the last successful apply returned; 0 before any. */
  long workflowGeneration;
  final GenerationMap generations = new GenerationMap();
  Rejection rejection;
  int failedAttempts;
  volatile boolean deleteSignalled;
  volatile boolean deleteDone;
  /** Finalizer removed; the object goes as soon as the cluster lets it. */
  boolean released;

  TrackedObject(String uid) {
    this.uid = uid;
  }
}

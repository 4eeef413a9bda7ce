package dev.kratixtemporal.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Promise as its workflow holds it now; exists=false when no such Promise was applied. */
public record PromiseSnapshot(boolean exists, boolean available, long generation, ObjectNode document) {}

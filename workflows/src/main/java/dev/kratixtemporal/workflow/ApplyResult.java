package dev.kratixtemporal.workflow;

/** What an apply did: the object, its workflow and its generation (bumped only when the spec changed). */
public record ApplyResult(String kind, String name, String namespace, String workflowId, long generation) {}

package dev.kratixtemporal.model;

/** A Kubernetes-style status condition. */
public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {}

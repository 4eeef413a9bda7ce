package dev.kratixtemporal.api.kubernetes;

/** Why the last version of a custom resource was not applied, and since when (the condition's transition time). */
public record Rejection(String message, String since) {}

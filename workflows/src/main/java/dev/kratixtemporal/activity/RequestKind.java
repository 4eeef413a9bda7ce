package dev.kratixtemporal.activity;

/** The type of a Promise's requests, from its API (CRD): what a canary request is applied as. */
public record RequestKind(String apiVersion, String kind) {}

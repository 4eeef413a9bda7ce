package dev.kratixtemporal.model;

/** A file a pipeline wrote, by its path relative to /kratix/output. */
public record OutputFile(String path, String content) {}

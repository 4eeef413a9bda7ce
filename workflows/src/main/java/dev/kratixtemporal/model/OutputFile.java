package dev.kratixtemporal.model;

/**
 * A file with its content, before it goes into the blob store: what a pipeline runtime reads from /kratix/output,
 * or a file the workflow itself makes (a Promise's static dependencies, a Destination's canary files). Workflows
 * carry {@link FileRef}s instead.
 */
public record OutputFile(String path, String content) {}

package dev.kratixtemporal.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A file by reference: its path and the sha256 (lowercase hex) of its content in the blob store. Workflows carry
 * these instead of contents, so their histories hold decisions, not data (docs/blob-store.md).
 */
// Histories recorded before the blob store hold {path, content} here: they replay with the content ignored.
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileRef(String path, String sha256, long size) {
  /** The same content at another path. */
  public FileRef at(String newPath) {
    return new FileRef(newPath, sha256, size);
  }
}

package dev.kratixtemporal.api.admission;

import dev.kratixtemporal.model.InvalidDocumentException;

/**
 * A document of an applied file that admission refused, so that the answer can say which one: its index in the
 * file, its kind and name, besides the field. Nothing in the file has been applied.
 */
public class DocumentRejectedException extends InvalidDocumentException {
  private final int index;
  private final String kind;
  private final String name;

  DocumentRejectedException(int index, String kind, String name, String field, String message) {
    super(field, message);
    this.index = index;
    this.kind = kind;
    this.name = name;
  }

  /** Where the document is in the file, from 0. */
  public int index() {
    return index;
  }

  /** As the document gives it; empty when it gives none. */
  public String kind() {
    return kind;
  }

  /** {@code namespace/name} for a namespaced document, else the name; empty when it gives none. */
  public String name() {
    return name;
  }
}

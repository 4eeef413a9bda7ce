package dev.kratixtemporal.model;

/** Bad input from a user: the message names what is wrong; nothing has been changed. */
public class InvalidDocumentException extends RuntimeException {
  private final String field;

  public InvalidDocumentException(String message) {
    this(null, message);
  }

  public InvalidDocumentException(String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.field = field;
  }

  /** The offending field as a path (e.g. {@code spec.workflows.resource.configure[0]}), if known. */
  public String field() {
    return field;
  }
}

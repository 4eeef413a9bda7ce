package dev.kratixtemporal.api.admission;

import org.springframework.http.HttpStatus;

/** A request body refused before it is parsed: too large (413) or of a media type we do not read (415). */
public class BodyRejectedException extends RuntimeException {
  private final HttpStatus status;
  private final String title;

  public BodyRejectedException(HttpStatus status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}

package dev.kratixtemporal.api.rest;

import dev.kratixtemporal.api.admission.BodyRejectedException;
import dev.kratixtemporal.api.admission.DocumentRejectedException;
import dev.kratixtemporal.model.InvalidDocumentException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors as RFC 7807 problem details, naming the field at fault. Spring's own exceptions get problem details from
 * spring.mvc.problemdetails; errors raised outside Spring MVC go through {@link ProblemErrorController}.
 */
@RestControllerAdvice
public class ProblemHandler {

  @ExceptionHandler(InvalidDocumentException.class)
  public ProblemDetail invalid(InvalidDocumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    p.setTitle("Invalid document");
    if (e.field() != null) p.setProperty("field", e.field());
    // Which document of the file: nothing in the file was applied.
    if (e instanceof DocumentRejectedException d) {
      p.setProperty("document", d.index());
      p.setProperty("kind", d.kind());
      p.setProperty("name", d.name());
    }
    return p;
  }

  /** Refused before parsing: too large or not a media type we read. */
  @ExceptionHandler(BodyRejectedException.class)
  public ProblemDetail bodyRejected(BodyRejectedException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    p.setTitle(e.title());
    return p;
  }

  /** The workflow's own validator said no (for example, a document for another object). */
  @ExceptionHandler(WorkflowUpdateException.class)
  public ProblemDetail rejected(WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    String message = cause instanceof ApplicationFailure af ? af.getOriginalMessage() : String.valueOf(cause);
    boolean conflict = cause instanceof ApplicationFailure af && "Conflict".equals(af.getType());
    ProblemDetail p = ProblemDetail.forStatusAndDetail(conflict ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY, message);
    p.setTitle(conflict ? "Conflict" : "Invalid document");
    return p;
  }

  @ExceptionHandler(WorkflowNotFoundException.class)
  public ProblemDetail notFound(WorkflowNotFoundException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no workflow " + e.getExecution().getWorkflowId());
    p.setTitle("Not found");
    return p;
  }
}

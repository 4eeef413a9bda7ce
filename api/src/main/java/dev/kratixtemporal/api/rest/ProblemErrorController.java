package dev.kratixtemporal.api.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors raised outside Spring MVC's handlers, sendError calls) as problem
 * details instead of Spring Boot's default error body. Messages of unexpected exceptions are not shown.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
        : HttpStatus.INTERNAL_SERVER_ERROR;
    ProblemDetail p = ProblemDetail.forStatus(status);
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    if (status.is4xxClientError() && message instanceof String m && !m.isBlank()) p.setDetail(m);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String u) {
      try {
        p.setInstance(URI.create(u));
      } catch (IllegalArgumentException ignored) {
        // A request URI that is not a URI is the reason for some of these errors.
      }
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}

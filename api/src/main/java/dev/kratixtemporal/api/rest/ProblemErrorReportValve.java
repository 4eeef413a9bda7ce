package dev.kratixtemporal.api.rest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to requests it refuses before any application sees them (a malformed URL or percent-encoding),
 * as problem details rather than Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
    HttpStatus status = HttpStatus.resolve(code);
    String title = status == null ? "Error" : status.getReasonPhrase();
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer == null) return;
      writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code
          + ",\"detail\":\"the request was refused by the HTTP server (for example a malformed URL)\"}");
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone; nothing more to say.
    }
  }
}

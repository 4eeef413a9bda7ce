package dev.kratixtemporal.api.admission;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads an apply request's body before any parsing: a media type we read, at most a set number of bytes (the YAML
 * parser's cost grows faster than the input), and UTF-8 throughout.
 */
public final class RequestBodies {
  /** Media types whose bodies are YAML or JSON text; a request without one is read as such too. */
  public static final Set<String> ACCEPTED = Set.of("application/yaml", "application/x-yaml", "text/yaml",
      "application/json", "text/plain", "application/octet-stream");

  private RequestBodies() {}

  /**
   * @param contentType the Content-Type header, or null
   * @param contentLength the declared length, or -1 when not known (chunked)
   */
  public static String read(String contentType, long contentLength, InputStream in, long maxBytes) throws IOException {
    requireAccepted(contentType);
    if (contentLength > maxBytes) throw tooLarge(maxBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (out.size() + n > maxBytes) throw tooLarge(maxBytes);
      out.write(buffer, 0, n);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length == 0) throw new InvalidDocumentException("request body is empty");
    try {
      return StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException("body", "is not valid UTF-8 (byte " + StrictUtf8.malformedAt(bytes) + ")");
    }
  }

  static void requireAccepted(String contentType) {
    if (contentType == null || contentType.isBlank()) return;
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      throw unsupported(contentType);
    }
    String charset = type.getParameter("charset");
    if (!ACCEPTED.contains(type.getType() + "/" + type.getSubtype())
        || (charset != null && !charset.replace("\"", "").equalsIgnoreCase("utf-8"))) {
      throw unsupported(contentType);
    }
  }

  private static BodyRejectedException unsupported(String contentType) {
    return new BodyRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
        "Content-Type " + Quoted.of(contentType) + " is not read here; send YAML or JSON as one of "
            + ACCEPTED.stream().sorted().toList() + " (UTF-8)");
  }

  private static BodyRejectedException tooLarge(long maxBytes) {
    return new BodyRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload Too Large",
        "the request body is larger than " + maxBytes + " bytes (kratix.api.max-body-bytes)");
  }
}

package dev.kratixtemporal.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.kratixtemporal.activities.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec server: the Web UI ({@code --ui-codec-endpoint}) and the CLI ({@code --codec-endpoint})
 * post {@code {"payloads":[{"metadata":{k: base64}, "data": base64}]}} and get the same shape back, decoded or
 * encoded with the payload codec the workers use. Browser access is limited to the Web UI's origins by
 * {@link CodecCors}.
 */
@RestController
@RequestMapping("/codec")
public class CodecController {
  /** Several payloads of up to Temporal's 2 MB each, base64 in JSON. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final AesGcmPayloadCodec codec;

  public CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(path = "/decode", produces = MediaType.APPLICATION_JSON_VALUE)
  public String decode(HttpServletRequest request) throws IOException {
    return apply(request, codec::decode);
  }

  @PostMapping(path = "/encode", produces = MediaType.APPLICATION_JSON_VALUE)
  public String encode(HttpServletRequest request) throws IOException {
    return apply(request, codec::encode);
  }

  private static String apply(HttpServletRequest request, UnaryOperator<List<Payload>> codec) throws IOException {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      JsonFormat.parser().merge(body(request.getInputStream()), in);
    } catch (InvalidProtocolBufferException e) {
      throw new CodecBodyException("the body is not Temporal's codec JSON {\"payloads\":[{\"metadata\":{...},"
          + "\"data\":\"<base64>\"}]}: " + e.getMessage());
    }
    return JsonFormat.printer().omittingInsignificantWhitespace()
        .print(Payloads.newBuilder().addAllPayloads(codec.apply(in.getPayloadsList())));
  }

  private static String body(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) throw new CodecBodyException("the body is larger than " + MAX_BODY_BYTES + " bytes");
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @ExceptionHandler(CodecBodyException.class)
  ProblemDetail badBody(CodecBodyException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Bad codec request");
    return p;
  }

  /** A payload sealed with another key, or altered: the message names the key ids. */
  @ExceptionHandler(PayloadCodecException.class)
  ProblemDetail cannotDecode(PayloadCodecException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    p.setTitle("Cannot decode payload");
    return p;
  }

  static final class CodecBodyException extends RuntimeException {
    CodecBodyException(String message) {
      super(message);
    }
  }
}

package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.JsonFormat;
import dev.kratixtemporal.activities.codec.AesGcmPayloadCodec;
import dev.kratixtemporal.model.KratixYaml;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Payloads in Temporal are encrypted (kratix.temporal.codec=aes-gcm, the default): a request's spec is nowhere in
 * its workflow's stored history, yet the REST API shows it, and Temporal's codec endpoint (/codec, what the Web UI
 * and `temporal --codec-endpoint` call) decodes the history's payloads back to it.
 */
class CodecTest extends EndToEndTest {
  static final String MARKER = "codec-marker-7f3a";
  static final String NAME = "tmp-codec-secret";
  static final String WORKFLOW = "resource/tmp-durable/default/" + NAME;
  static final String PATH = "/api/v1/promises/tmp-durable/resources/default/" + NAME;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theSpecIsEncryptedInHistoryAndTheCodecEndpointDecodesIt() throws Exception {
    api.applyOk(resource("tmp-durable.yaml"));
    awaitAvailable("tmp-durable");
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: TmpDurable
        metadata:
          name: %s
          namespace: default
        spec:
          colour: %s
        """.formatted(NAME, MARKER));
    JsonNode request = eventually(NAME + " Reconciled", () -> api.getOrNull(PATH),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(request.path("spec").path("colour").asText()).as("the codec is transparent to the API").isEqualTo(MARKER);
    assertThat(repo.files()).anyMatch(f -> f.startsWith("dev/resources/default/tmp-durable/" + NAME + "/"));

    History history = HistoryPayloads.raw(temporal, WORKFLOW);
    assertThat(history.getEventsList()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    assertThat(history.toByteString().toString(StandardCharsets.ISO_8859_1)).as("the raw history").doesNotContain(MARKER);
    // Every input, result, signal, update, query answer and failure detail.
    List<Payload> payloads = HistoryPayloads.converted(history);
    assertThat(payloads).hasSizeGreaterThan(3).allMatch(AesGcmPayloadCodec::isEncrypted);

    HttpResponse<String> decoded = post("/codec/decode", json(payloads), "http://127.0.0.1:" + temporalUiPort);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:" + temporalUiPort);
    List<Payload> plain = parse(decoded.body());
    assertThat(plain).hasSameSizeAs(payloads).noneMatch(AesGcmPayloadCodec::isEncrypted);
    assertThat(plain).anySatisfy(p -> assertThat(p.getData().toStringUtf8()).contains(MARKER));
    assertThat(KratixYaml.JSON.readTree(decoded.body()).path("payloads").get(0).path("metadata").path("encoding").asText())
        .as("metadata values in base64, as Temporal's codec JSON has them")
        .isEqualTo(Base64.getEncoder().encodeToString("json/plain".getBytes(StandardCharsets.UTF_8)));

    String cli = "temporal workflow show --address 127.0.0.1:" + temporalPort + " --workflow-id " + WORKFLOW + " --output json";
    assertThat(payloadData(run(cli))).doesNotContain(MARKER);
    assertThat(payloadData(run(cli + " --codec-endpoint http://127.0.0.1:" + port + "/codec"))).contains(MARKER);
  }

  @Test
  void encodeThenDecodeGivesThePayloadBack() throws Exception {
    Payload plain = Payload.newBuilder().putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
        .setData(com.google.protobuf.ByteString.copyFromUtf8("{\"colour\":\"" + MARKER + "\"}")).build();
    HttpResponse<String> encoded = post("/codec/encode", json(List.of(plain)), null);
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain(Base64.getEncoder().encodeToString(plain.getData().toByteArray()));
    assertThat(parse(encoded.body())).singleElement().matches(AesGcmPayloadCodec::isEncrypted);
    assertThat(parse(post("/codec/decode", encoded.body(), null).body())).containsExactly(plain);

    Payload sealed = parse(encoded.body()).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    HttpResponse<String> tampered = post("/codec/decode",
        json(List.of(sealed.toBuilder().setData(com.google.protobuf.ByteString.copyFrom(data)).build())), null);
    assertThat(tampered.statusCode()).isEqualTo(422);
    assertThat(tampered.body()).contains("fails authentication");

    HttpResponse<String> bad = post("/codec/decode", "{\"payloads\":\"nope\"", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("not Temporal's codec JSON");
  }

  @Test
  void theWebUiOriginGetsCorsPreflightAndOthersDoNot() throws Exception {
    for (String origin : List.of("http://127.0.0.1:" + temporalUiPort, "http://localhost:" + temporalUiPort)) {
      HttpResponse<String> preflight = preflight(origin);
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
          .contains("x-namespace").contains("authorization").contains("content-type");
    }
    HttpResponse<String> stranger = preflight("http://evil.example");
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("X-Namespace", "default")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) b.header("Origin", origin);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String json(List<Payload> payloads) throws Exception {
    return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(payloads));
  }

  static List<Payload> parse(String json) throws Exception {
    Payloads.Builder b = Payloads.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.getPayloadsList();
  }

  /** Every payload's data in `temporal workflow show --output json` (base64 there), decoded and joined. */
  static String payloadData(String showJson) throws Exception {
    StringBuilder out = new StringBuilder();
    for (JsonNode data : KratixYaml.JSON.readTree(showJson).findValues("data")) {
      if (data.isTextual()) out.append(new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.ISO_8859_1)).append('\n');
    }
    assertThat(out).as("payloads in the CLI's output").isNotEmpty();
    return out.toString();
  }

  /** The temporal CLI (kratix.temporal.cli, default on PATH); it must succeed. */
  static String run(String line) throws Exception {
    String cli = System.getProperty("kratix.temporal.cli", "temporal");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true);
    if (cli.contains("/")) pb.environment().merge("PATH", java.nio.file.Path.of(cli).getParent().toString(), (old, dir) -> dir + ":" + old);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(line + "\n" + out).isZero();
    return out;
  }
}

package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class RequestBodiesTest {
  private static final byte[] YAML = "kind: Destination\n".getBytes(StandardCharsets.UTF_8);

  private static String read(String type, long length, byte[] body, long max) throws IOException {
    return RequestBodies.read(type, length, new ByteArrayInputStream(body), max);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/yaml", "application/x-yaml", "text/yaml; charset=utf-8", "application/json",
      "text/plain;charset=UTF-8", "application/octet-stream", ""})
  void readsYamlAndJsonMediaTypes(String type) throws IOException {
    assertThat(read(type.isEmpty() ? null : type, YAML.length, YAML, 100)).isEqualTo("kind: Destination\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html",
      "application/yaml; charset=iso-8859-1", "garbage"})
  void refusesOtherMediaTypesWith415(String type) {
    assertThatThrownBy(() -> read(type, YAML.length, YAML, 100))
        .isInstanceOfSatisfying(BodyRejectedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutReading() {
    InputStream unread = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body was read");
      }
    };
    assertThatThrownBy(() -> RequestBodies.read("application/yaml", 101, unread, 100))
        .isInstanceOfSatisfying(BodyRejectedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
  }

  @Test
  void aChunkedBodyIsCutAtTheLimit() {
    assertThatThrownBy(() -> read("application/yaml", -1, new byte[101], 100))
        .isInstanceOfSatisfying(BodyRejectedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
  }

  @Test
  void invalidUtf8NamesTheByte() {
    byte[] body = {'a', ':', ' ', (byte) 0xc3, '(', '\n'};
    assertThatThrownBy(() -> read(null, body.length, body, 100))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("body: is not valid UTF-8 (byte 3)");
  }
}

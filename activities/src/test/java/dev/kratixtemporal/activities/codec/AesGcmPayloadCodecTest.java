package dev.kratixtemporal.activities.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kratixtemporal.activities.secrets.SecretsKey;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmPayloadCodecTest {
  static final String MARKER = "codec-marker-unit-5c1e";
  static final SecretsKey KEY = SecretsKey.of(bytes(7));
  static final SecretsKey OTHER = SecretsKey.of(bytes(9));

  final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(KEY, true);

  @Test
  void aValueRoundTripsThroughTheDataConverterAndIsUnreadableInBetween() {
    var converter = new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    Map<String, String> spec = Map.of("password", MARKER);

    Payload stored = converter.toPayload(spec).orElseThrow();

    assertThat(stored.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(stored.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo(KEY.id()).hasSize(8);
    assertThat(stored.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(MARKER).doesNotContain("json/plain");
    assertThat(converter.fromPayload(stored, Map.class, Map.class)).isEqualTo(spec);
  }

  @Test
  void eachPayloadHasItsOwnIv() {
    Payload plain = json("{\"a\":1}");
    assertThat(codec.encode(List.of(plain)).get(0).getData()).isNotEqualTo(codec.encode(List.of(plain)).get(0).getData());
  }

  @Test
  void aPayloadSealedWithAnotherKeyNamesBothKeys() {
    Payload sealed = new AesGcmPayloadCodec(OTHER, true).encode(List.of(json("{}"))).get(0);
    assertThatThrownBy(() -> codec.decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("payload encrypted with key " + OTHER.id())
        .hasMessageContaining("this process has key " + KEY.id())
        .hasMessageContaining("kratix.secrets.key");
  }

  @Test
  void aPlainPayloadWrittenBeforeTheCodecDecodesUnchanged() {
    Payload legacy = json("{\"spec\":\"" + MARKER + "\"}");
    assertThat(codec.decode(List.of(legacy))).containsExactly(legacy);
    var converter = new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    assertThat(converter.fromPayload(legacy, Map.class, Map.class)).isEqualTo(Map.of("spec", MARKER));
  }

  @Test
  void aTamperedCiphertextFailsAuthentication() {
    Payload sealed = codec.encode(List.of(json("{\"a\":1}"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessage("encrypted payload with key " + KEY.id() + " fails authentication: it was altered or damaged");

    Payload truncated = sealed.toBuilder().setData(sealed.getData().substring(0, 10)).build();
    assertThatThrownBy(() -> codec.decode(List.of(truncated))).hasMessageContaining("truncated: 10 bytes");
  }

  @Test
  void offEncodesNothingButStillDecodesWhatWasEncrypted() {
    Payload plain = json("{\"a\":1}");
    Payload sealed = codec.encode(List.of(plain)).get(0);
    AesGcmPayloadCodec off = new AesGcmPayloadCodec(KEY, false);
    assertThat(off.encode(List.of(plain))).containsExactly(plain);
    assertThat(off.decode(List.of(sealed))).containsExactly(plain);
  }

  @Test
  void theKeyFileIsTheSecretsKeyAndTheSettingWins(@TempDir Path dir) {
    SecretsKey made = SecretsKey.load(dir, null);
    assertThat(SecretsKey.load(dir, "").id()).as("the file made on first use is read again").isEqualTo(made.id());
    String setting = java.util.Base64.getEncoder().encodeToString(bytes(7));
    assertThat(SecretsKey.load(dir, setting).id()).isEqualTo(KEY.id());
    assertThat(KEY.toString()).doesNotContain(setting);
    assertThatThrownBy(() -> SecretsKey.load(dir, "c2hvcnQ=")).hasMessage("kratix.secrets.key must be 32 bytes in base64, got 5");
  }

  static Payload json(String json) {
    return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json)).build();
  }

  static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return b;
  }
}

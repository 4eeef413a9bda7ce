package dev.kratixtemporal.activities.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kratixtemporal.activities.secrets.SecretsKey;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, updates, query answers,
 * continue-as-new state, failure details) with AES-256-GCM, so what Kratix objects and pipelines carry is not readable
 * by whoever reads Temporal history. The whole payload (its metadata and data) is sealed with a random 12-byte IV and
 * a 128-bit tag into a new payload with metadata {@code encoding: binary/encrypted} (Temporal's convention) and
 * {@code encryption-key-id}: the {@link SecretsKey#id() id} of the key, so a payload sealed with another key is
 * named as such instead of failing as "tampered".
 *
 * <p>Payloads without that encoding (written before the codec, or while it was off) decode unchanged, so older
 * histories still replay. With {@code encrypt=false} ({@code kratix.temporal.codec=none}) new payloads stay plain
 * and encrypted ones still decode.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  static final String ENCODING_KEY = "encoding";
  private static final ByteString ENCODING_VALUE = ByteString.copyFromUtf8(ENCODING);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretsKey key;
  private final boolean encrypt;

  public AesGcmPayloadCodec(SecretsKey key, boolean encrypt) {
    this.key = key;
    this.encrypt = encrypt;
  }

  public String keyId() {
    return key.id();
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    if (!encrypt) return payloads;
    return payloads.stream().map(this::seal).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::open).toList();
  }

  /** Whether a payload is one this codec sealed (with any key). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_VALUE.equals(payload.getMetadataOrDefault(ENCODING_KEY, ByteString.EMPTY));
  }

  private Payload seal(Payload plain) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.toByteArray());
      byte[] data = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, data, IV_BYTES, sealed.length);
      return Payload.newBuilder()
          .putMetadata(ENCODING_KEY, ENCODING_VALUE)
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(key.id()))
          .setData(ByteString.copyFrom(data))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key " + key.id(), e);
    }
  }

  private Payload open(Payload payload) {
    if (!isEncrypted(payload)) return payload;
    String id = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toString(StandardCharsets.UTF_8);
    if (!id.equals(key.id())) {
      throw new PayloadCodecException("payload encrypted with key " + (id.isEmpty() ? "(no key id)" : id)
          + ", but this process has key " + key.id() + ": every api and worker process must have the same "
          + "kratix.secrets.key (or share the data folder's secrets/.key)");
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < IV_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("encrypted payload with key " + id + " is truncated: " + data.length + " bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES));
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException("encrypted payload with key " + id + " fails authentication: it was altered or damaged", e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("cannot decrypt a payload with key " + id + ": " + e.getMessage(), e);
    }
  }
}

package io.rcmos.server.platform;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.rcmos.server.platform.crypto.Aead;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Temporal's payload codec: every payload the client or a worker hands to Temporal — workflow and activity inputs and
 * results, signals, queries, heartbeat details, and (through {@code CodecDataConverter}'s failure-attribute encoding)
 * failure messages and stack traces — is sealed with AES-256-GCM under the codec key before it leaves the process, so
 * Temporal's history holds no PHI or free text in clear. The sealed payload names the key it was sealed under (a
 * fingerprint, not the key), so a process with another key fails loudly instead of reading garbage. Payloads written
 * without the codec (histories recorded before it) are read as they are.
 */
public final class PayloadCipher implements PayloadCodec {

    static final ByteString ENCODING = ByteString.copyFromUtf8("binary/rcm-aes256gcm");
    static final String KEY_ID = "rcm-key-id";
    private static final String METADATA_ENCODING = "encoding";
    private static final String ASSOCIATED = "temporal-payload:";

    private final Aead aead;
    private final String keyId;
    private final ByteString keyIdBytes;

    /**
     * The data converter of every Temporal client and worker: default JSON conversion, failure messages and stack
     * traces moved into encoded attributes, and all of it sealed under {@code key} (32 bytes).
     */
    public static DataConverter dataConverter(byte[] key) {
        return new CodecDataConverter(GlobalDataConverter.get(), List.of(new PayloadCipher(key)), true);
    }

    PayloadCipher(byte[] key) {
        this.aead = new Aead(key);
        this.keyId = fingerprint(key);
        this.keyIdBytes = ByteString.copyFromUtf8(keyId);
    }

    /** The first 8 bytes of SHA-256 over a label and the key, in hex: names the key without revealing it. */
    static String fingerprint(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("rcm-temporal-codec".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::seal).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::open).toList();
    }

    private Payload seal(Payload plain) {
        return Payload.newBuilder()
                .putMetadata(METADATA_ENCODING, ENCODING)
                .putMetadata(KEY_ID, keyIdBytes)
                .setData(ByteString.copyFrom(aead.seal(ASSOCIATED + keyId, plain.toByteArray())))
                .build();
    }

    private Payload open(Payload payload) {
        if (!ENCODING.equals(payload.getMetadataOrDefault(METADATA_ENCODING, ByteString.EMPTY))) {
            return payload;
        }
        String sealedUnder = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
        if (!keyId.equals(sealedUnder)) {
            throw new PayloadCodecException("a Temporal payload is sealed under another codec key (" + sealedUnder
                    + ", this process has " + keyId + "): give every process the same RCM_TEMPORAL_CODEC_KEY");
        }
        try {
            return Payload.parseFrom(aead.open(ASSOCIATED + keyId, payload.getData().toByteArray()));
        } catch (Aead.Tampered | InvalidProtocolBufferException e) {
            throw new PayloadCodecException("a Temporal payload failed authentication", e);
        }
    }
}

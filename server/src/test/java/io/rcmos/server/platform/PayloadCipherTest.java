package io.rcmos.server.platform;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Temporal payload codec: sealed payloads and failures, refused tampering and foreign keys, old payloads read. */
class PayloadCipherTest {

    private static final byte[] KEY = key(1);
    private static final String PHI = "Jane Q. Doe UHC202649 1985-04-12";

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static String text(Payload p) {
        return p.getData().toString(StandardCharsets.ISO_8859_1) + p.getMetadataMap();
    }

    @Test
    void sealsAPayloadAndOpensItAgain() {
        DataConverter converter = PayloadCipher.dataConverter(KEY);
        Payload sealed = converter.toPayload(PHI).orElseThrow();
        assertThat(text(sealed)).doesNotContain("UHC202649").doesNotContain("Jane");
        assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/rcm-aes256gcm");
        assertThat(converter.fromPayload(sealed, String.class, String.class)).isEqualTo(PHI);
        assertThat(converter.toPayload(PHI).orElseThrow().getData()).as("a fresh nonce each time").isNotEqualTo(sealed.getData());
    }

    @Test
    void refusesATamperedPayloadAndOneSealedUnderAnotherKey() {
        PayloadCipher cipher = new PayloadCipher(KEY);
        Payload plain = GlobalDataConverter.get().toPayload(PHI).orElseThrow();
        Payload sealed = cipher.encode(List.of(plain)).get(0);
        byte[] bytes = sealed.getData().toByteArray();
        bytes[bytes.length - 1] ^= 1;
        Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(bytes)).build();
        assertThatThrownBy(() -> cipher.decode(List.of(tampered))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> new PayloadCipher(key(2)).decode(List.of(sealed))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("another codec key").hasMessageContaining("RCM_TEMPORAL_CODEC_KEY");
    }

    @Test
    void readsPayloadsWrittenBeforeTheCodec() {
        Payload plain = GlobalDataConverter.get().toPayload("run-42").orElseThrow();
        assertThat(new PayloadCipher(KEY).decode(List.of(plain))).containsExactly(plain);
        assertThat(PayloadCipher.dataConverter(KEY).fromPayload(plain, String.class, String.class)).isEqualTo("run-42");
    }

    @Test
    void failureMessagesAndStackTracesAreSealedToo() {
        DataConverter converter = PayloadCipher.dataConverter(KEY);
        ApplicationFailure thrown = ApplicationFailure.newFailure("member " + PHI + " not found (AAA 75)", "ChannelTransient", "clearinghouse_unavailable");
        Failure failure = converter.exceptionToFailure(thrown);
        String stored = failure.toString();
        assertThat(stored).doesNotContain("UHC202649").doesNotContain("AAA 75").doesNotContain("clearinghouse_unavailable")
                .doesNotContain("io.rcmos").doesNotContain("PayloadCipherTest");
        assertThat(failure.getApplicationFailureInfo().getType()).as("the type stays readable: it names no one").isEqualTo("ChannelTransient");
        ApplicationFailure read = (ApplicationFailure) converter.failureToException(failure);
        assertThat(read.getOriginalMessage()).isEqualTo("member " + PHI + " not found (AAA 75)");
        assertThat(read.getDetails().get(String.class)).isEqualTo("clearinghouse_unavailable");
    }
}

package io.rcmos.server.clearinghouse.inbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Authenticity of clearinghouse webhooks. Standard Webhooks: {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body}, keyed by each configured {@code whsec_} secret (several
 * while a secret rotates); the timestamp must be within the tolerance. Classic webhooks: a shared key in a header.
 * Every comparison is constant-time.
 */
final class WebhookVerifier {

    private final List<byte[]> secrets = new ArrayList<>();
    private final String apiKey;
    private final Duration tolerance;
    private final Clock clock;

    WebhookVerifier(String secrets, String apiKey, Duration tolerance, Clock clock) {
        if (secrets != null) {
            for (String s : secrets.split(",")) {
                String t = s.trim();
                if (!t.isEmpty()) {
                    this.secrets.add(Base64.getDecoder().decode(t.startsWith("whsec_") ? t.substring(6) : t));
                }
            }
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    boolean signed(String id, String timestamp, String signatures, byte[] body) {
        if (secrets.isEmpty() || id == null || timestamp == null || signatures == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > tolerance.toSeconds()) {
            return false;
        }
        byte[] payload = concat((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body);
        for (byte[] secret : secrets) {
            byte[] expected = Base64.getEncoder().encode(hmac(secret, payload));
            for (String candidate : signatures.trim().split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected, candidate.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean keyed(String presented) {
        return apiKey != null && presented != null
                && MessageDigest.isEqual(apiKey.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

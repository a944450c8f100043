package io.rcmos.agent.secrets;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * RFC 6238 one-time codes (HMAC-SHA1, 30-second steps, 6 digits — what authenticator apps and payer portals use)
 * from a base32 secret, for portals whose policy lets a bot hold the second factor. The secret never leaves this
 * object; {@link #toString()} does not show it.
 */
public final class Totp {

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    private final SecretKeySpec key;

    private Totp(byte[] secret) {
        this.key = new SecretKeySpec(secret, GENERATOR.getAlgorithm());
    }

    /** From the base32 text authenticator set-up pages show (spaces and case ignored). */
    public static Totp base32(String secret) {
        String clean = secret == null ? "" : secret.replace(" ", "").toUpperCase(Locale.ROOT);
        Base32 base32 = new Base32();
        if (clean.isEmpty() || !base32.isInAlphabet(clean.replace("=", ""))) {
            throw new IllegalArgumentException("a TOTP secret must be base32 text");
        }
        return new Totp(base32.decode(clean));
    }

    /** The 6-digit code for an instant, zero-padded. */
    public String code(Instant at) {
        try {
            return String.format("%06d", GENERATOR.generateOneTimePassword(key, at));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP key rejected by HmacSHA1", e);
        }
    }

    /** Seconds until the code for {@code at} stops being the current one. */
    public static long secondsLeft(Instant at) {
        return 30 - (at.getEpochSecond() % 30);
    }

    @Override
    public String toString() {
        return "Totp[secret hidden]";
    }
}

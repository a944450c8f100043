package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.platform.crypto.SharedKeys;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Subscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The idempotency key {@code (payer_id, purpose, business ids…, business_date)}. Business ids are the values
 * that identify the question (provider NPI, member, patient, service types and date, or the claim), normalised
 * (trimmed, upper-cased, sorted codes) so trivial differences do not create a second run. The ids are HMAC-SHA256'd
 * under {@code RCM_IDEMPOTENCY_KEY} (not in the database): the key is returned to clients and stored in indexes, must
 * not carry PHI, and — member ids, names and birth dates being few enough to enumerate — must not be a hash anyone
 * can recompute. Runs created before the key existed carry the {@link #unkeyed} form.
 */
@Component
final class IdempotencyKey {

    static final String KEY_FILE = "idempotency.key";

    private final SecretKeySpec key;

    @Autowired
    IdempotencyKey(SharedKeys keys) {
        this(keys.load(SharedKeys.Key.IDEMPOTENCY));
    }

    IdempotencyKey(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** {@code purpose:payer_id:business_date:} and 32 hex digits of the keyed hash of the question. */
    String of(Purpose purpose, String payerId, LocalDate businessDate, Object input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return prefix(purpose, payerId, businessDate) + hex(mac.doFinal(canonical(purpose, payerId, businessDate, input))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * The key a run created before the upgrade (migration V11) carries: the same, with plain SHA-256. Computed only to
     * find such a run again, never stored for a new one.
     */
    static String unkeyed(Purpose purpose, String payerId, LocalDate businessDate, Object input) {
        try {
            return prefix(purpose, payerId, businessDate)
                    + hex(MessageDigest.getInstance("SHA-256").digest(canonical(purpose, payerId, businessDate, input))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefix(Purpose purpose, String payerId, LocalDate businessDate) {
        return purpose.wire() + ":" + payerId + ":" + businessDate + ":";
    }

    private static byte[] canonical(Purpose purpose, String payerId, LocalDate businessDate, Object input) {
        List<String> ids = new ArrayList<>();
        if (input instanceof EligibilityRequest e) {
            ids.add(e.provider().npi());
            subscriber(ids, e.subscriber());
            dependent(ids, e.dependent());
            ids.add(String.join(",", e.effectiveServiceTypeCodes().stream().map(IdempotencyKey::norm).sorted().toList()));
            ids.add(Objects.toString(e.dateOfService(), ""));
        } else if (input instanceof ClaimStatusRequest c) {
            ids.add(c.provider().npi());
            subscriber(ids, c.subscriber());
            dependent(ids, c.dependent());
            ids.add(norm(c.claim().patientControlNumber()));
            ids.add(norm(c.claim().payerClaimNumber()));
            ids.add(c.claim().serviceDateFrom().toString());
            ids.add(c.claim().serviceDateTo().toString());
        } else {
            throw new IllegalArgumentException("unknown input type");
        }
        return (payerId + "\u001f" + purpose.wire() + "\u001f" + String.join("\u001f", ids) + "\u001f" + businessDate)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void subscriber(List<String> ids, Subscriber s) {
        ids.add(norm(s.memberId()));
        ids.add(norm(s.lastName()));
        ids.add(norm(s.firstName()));
        ids.add(Objects.toString(s.dateOfBirth(), ""));
    }

    private static void dependent(List<String> ids, Dependent d) {
        if (d == null) {
            ids.add("");
            return;
        }
        ids.add(norm(d.lastName()) + "|" + norm(d.firstName()) + "|" + d.dateOfBirth());
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

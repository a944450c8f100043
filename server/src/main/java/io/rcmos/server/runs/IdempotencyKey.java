package io.rcmos.server.runs;

import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Subscriber;

import java.nio.charset.StandardCharsets;
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
 * (trimmed, upper-cased, sorted codes) so trivial differences do not create a second run. The ids are hashed:
 * the key is returned to clients and stored in indexes, and must not carry PHI.
 */
final class IdempotencyKey {

    private IdempotencyKey() {
    }

    static String of(Purpose purpose, String payerId, LocalDate businessDate, Object input) {
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
        String canonical = payerId + "\u001f" + purpose.wire() + "\u001f" + String.join("\u001f", ids) + "\u001f" + businessDate;
        return purpose.wire() + ":" + payerId + ":" + businessDate + ":" + sha256(canonical).substring(0, 32);
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

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.rcmos.server.inbox;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which resolved tasks get a second look. Deterministic per task (a hash of its id, not a dice roll at resolve
 * time), so a decision can be recomputed and audited, and a test on seeded ids is exact.
 */
final class QaPolicy {

    private final InboxProperties.Qa qa;

    QaPolicy(InboxProperties.Qa qa) {
        this.qa = qa;
    }

    /** The rule that selects this task, or empty when it is not sampled. */
    Optional<String> select(UUID breakpointId, String type, String payerId) {
        if ("review".equals(type) && qa.reviewPayers().contains(payerId)) {
            return Optional.of("every_review_of_payer");
        }
        return fraction(breakpointId) < qa.rate() ? Optional.of("random_" + qa.rate()) : Optional.empty();
    }

    /** A uniform number in [0, 1) derived from the id. */
    static double fraction(UUID id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.rcmos.server.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Locale;

/**
 * The audit log's keys and checkpoints ({@code rcm.audit}). Neither key may live in the database it protects.
 *
 * @param key                 base64 of the 256-bit HMAC key of the chain ({@code RCM_AUDIT_KEY}); blank: generated once
 *                            into {@code RCM_HOME/keys/audit-chain.key}. Every process of a deployment must have the same.
 * @param signingKey          base64 of the 32-byte Ed25519 private key (RFC 8032 seed) that signs checkpoints
 *                            ({@code RCM_AUDIT_SIGNING_KEY}); blank: generated once into
 *                            {@code RCM_HOME/keys/audit-signing.key}. Every process must have the same.
 * @param checkpointEvery     a checkpoint once this many entries were appended since the last one
 * @param checkpointInterval  and at the latest this long after the last one when entries were appended since
 * @param checkpointPoll      how often each process looks whether a checkpoint is due
 * @param checkpointPrefix    where checkpoints go in the artifact store (one prefix per deployment sharing a store)
 * @param checkpointRetention how long the store must keep each checkpoint unchanged (S3 Object Lock retain-until)
 * @param objectLockMode      {@code compliance} (nobody can shorten it, not even the account's root) or {@code governance}
 */
@ConfigurationProperties("rcm.audit")
public record AuditProperties(
        String key,
        String signingKey,
        @DefaultValue("1000") int checkpointEvery,
        @DefaultValue("1m") Duration checkpointInterval,
        @DefaultValue("5s") Duration checkpointPoll,
        @DefaultValue("audit/checkpoints/") String checkpointPrefix,
        @DefaultValue("2192d") Duration checkpointRetention,
        @DefaultValue("compliance") String objectLockMode) {

    public AuditProperties {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("rcm.audit.checkpoint-every must be at least 1");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero() || checkpointPoll.isNegative() || checkpointPoll.isZero()) {
            throw new IllegalArgumentException("rcm.audit.checkpoint-interval and checkpoint-poll must be positive");
        }
        objectLockMode = objectLockMode.trim().toUpperCase(Locale.ROOT);
        if (!objectLockMode.equals("COMPLIANCE") && !objectLockMode.equals("GOVERNANCE")) {
            throw new IllegalArgumentException("rcm.audit.object-lock-mode must be compliance or governance");
        }
        checkpointPrefix = checkpointPrefix.endsWith("/") ? checkpointPrefix : checkpointPrefix + "/";
    }
}

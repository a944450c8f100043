package io.rcmos.server.audit;

import java.time.Instant;
import java.util.UUID;

/** One row of the audit log as stored. {@code details} is canonical JSON (keys sorted), exactly as hashed. */
public record AuditEntry(long seq, Instant ts, String actor, String actorType, String action, String targetType,
                         String targetId, UUID runId, String details, String prevHash, String hash) {
}

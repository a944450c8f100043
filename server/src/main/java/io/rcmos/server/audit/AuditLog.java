package io.rcmos.server.audit;

import io.rcmos.server.platform.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Appends audit entries in the caller's transaction: the entry exists if and only if that transaction commits. No
 * lock is taken: the entry is inserted with its place in the chain empty, and the ledger's sequencer chains it
 * ({@link AuditChainer}: {@code seq}, {@code prev_hash}, HMAC-SHA256 {@code hash}) once it has committed, a few
 * milliseconds later. Readers of the chain ({@code GET /audit}, verification, checkpoints) flush the ledger first.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final JsonMapper canonical = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    AuditLog(JdbcClient jdbc, Ledger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * Records one action; returns the entry's row id (insertion order: its {@code seq} in the chain is given after
     * commit). {@code details} holds ids, codes and counts only: never names, member ids or dates of birth.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(Actor actor, String action, String targetType, String targetId, UUID runId, Map<String, ?> details) {
        long id = jdbc.sql("""
                        insert into audit_log (ts, actor, actor_type, action, target_type, target_id, run_id, details)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), actor.name(), actor.type().wire(), action,
                        targetType, targetId, runId, canonical.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details)))
                .query(Long.class).single();
        ledger.appended();
        return id;
    }
}

package io.rcmos.server.audit;

import io.rcmos.server.platform.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Appends audit entries in the caller's transaction, chaining each to the hash of the one before with HMAC-SHA256
 * under the audit key. Every {@code rcm.audit.checkpoint-every}-th entry wakes the checkpoint writer once the
 * transaction has committed (off the caller's path).
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final int checkpointEvery;
    private final JsonMapper canonical = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    AuditLog(JdbcClient jdbc, Ledger ledger, AuditKeys keys, AuditCheckpoints checkpoints, AuditProperties props) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        // the writer keys every entry whatever the database says about epochs: it never writes an unkeyed one
        this.chain = new AuditChain(keys, Long.MIN_VALUE);
        this.checkpoints = checkpoints;
        this.checkpointEvery = props.checkpointEvery();
    }

    /**
     * Records one action. {@code details} holds ids, codes and counts only: never names, member ids or dates of birth.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(Actor actor, String action, String targetType, String targetId, UUID runId, Map<String, ?> details) {
        ledger.lock();
        var last = jdbc.sql("select seq, hash from audit_log order by seq desc limit 1")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)})
                .optional();
        long seq = last.map(r -> (Long) r[0] + 1).orElse(1L);
        String prevHash = last.map(r -> (String) r[1]).orElse(AuditChain.GENESIS);
        AuditEntry entry = new AuditEntry(seq, Instant.now().truncatedTo(ChronoUnit.MICROS), actor.name(), actor.type().wire(),
                action, targetType, targetId, runId, canonical.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details)),
                prevHash, null);
        String hash = chain.hash(entry);
        jdbc.sql("""
                        insert into audit_log (seq, ts, actor, actor_type, action, target_type, target_id, run_id, details, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.seq(), java.sql.Timestamp.from(entry.ts()), entry.actor(), entry.actorType(), entry.action(),
                        entry.targetType(), entry.targetId(), entry.runId(), entry.details(), prevHash, hash)
                .update();
        if (seq % checkpointEvery == 0) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkpoints.wake();
                }
            });
        }
        return seq;
    }
}

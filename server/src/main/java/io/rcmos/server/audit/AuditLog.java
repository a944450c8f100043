package io.rcmos.server.audit;

import io.rcmos.server.platform.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Appends audit entries in the caller's transaction, chaining each to the hash of the one before. */
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
        String hash = AuditChain.hash(entry);
        jdbc.sql("""
                        insert into audit_log (seq, ts, actor, actor_type, action, target_type, target_id, run_id, details, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.seq(), java.sql.Timestamp.from(entry.ts()), entry.actor(), entry.actorType(), entry.action(),
                        entry.targetType(), entry.targetId(), entry.runId(), entry.details(), prevHash, hash)
                .update();
        return seq;
    }
}

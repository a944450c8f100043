package io.rcmos.server.audit;

import io.rcmos.server.platform.Ledger;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Chains committed audit entries, for the ledger's sequencer (under its lock, in its transaction): each entry without a
 * place in the chain, in insertion order, gets the next {@code seq}, the previous entry's hash as {@code prev_hash}, and
 * its own HMAC-SHA256 under the audit key (the rule of {@link AuditChain}), computed over the row exactly as stored. The
 * database allows that one filling and no other change. Crossing a multiple of {@code checkpoint-every} wakes the
 * checkpoint writer once the chain has committed.
 */
@Component
@Order(2)
class AuditChainer implements Ledger.Sequence {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final int checkpointEvery;
    private volatile boolean checkpointDue;

    AuditChainer(JdbcClient jdbc, JdbcTemplate batch, AuditKeys keys, AuditCheckpoints checkpoints, AuditProperties props) {
        this.jdbc = jdbc;
        this.batch = batch;
        // the writer keys every entry whatever the database says about epochs: it never writes an unkeyed one
        this.chain = new AuditChain(keys, Long.MIN_VALUE);
        this.checkpoints = checkpoints;
        this.checkpointEvery = props.checkpointEvery();
    }

    private record Unchained(long id, AuditEntry entry) {
    }

    @Override
    public int sequence(int limit) {
        List<Unchained> rows = jdbc.sql("""
                        select id, null::bigint as seq, ts, actor, actor_type, action, target_type, target_id, run_id, details,
                               null::text as prev_hash, null::text as hash
                        from audit_log where seq is null order by id limit ?""")
                .param(limit)
                .query((rs, n) -> new Unchained(rs.getLong("id"), AuditRows.entry(rs)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        var tail = jdbc.sql("select seq, hash from audit_log where seq is not null order by seq desc limit 1")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)})
                .optional();
        long first = tail.map(r -> (Long) r[0] + 1).orElse(1L);
        long seq = first;
        String prev = tail.map(r -> (String) r[1]).orElse(AuditChain.GENESIS);
        List<Object[]> updates = new ArrayList<>(rows.size());
        for (Unchained row : rows) {
            AuditEntry e = row.entry();
            AuditEntry placed = new AuditEntry(seq, e.ts(), e.actor(), e.actorType(), e.action(), e.targetType(), e.targetId(),
                    e.runId(), e.details(), prev, null);
            String hash = chain.hash(placed);
            updates.add(new Object[]{seq, prev, hash, row.id()});
            prev = hash;
            seq++;
        }
        int[] done = batch.batchUpdate("update audit_log set seq = ?, prev_hash = ?, hash = ? where id = ? and seq is null", updates);
        for (int d : done) {
            if (d == 0) {
                // only a sequencer chains, under the lock: another writer means the chain cannot be trusted to continue
                throw new IllegalStateException("an audit entry was chained by someone else while the ledger lock was held");
            }
        }
        long last = seq - 1;
        if ((first - 1) / checkpointEvery != last / checkpointEvery) {
            checkpointDue = true;
        }
        return rows.size();
    }

    @Override
    public void sequenced() {
        if (checkpointDue) {
            checkpointDue = false;
            checkpoints.wake();
        }
    }
}

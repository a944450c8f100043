package io.rcmos.server.audit;

import io.rcmos.server.platform.BackgroundThread;
import io.rcmos.server.platform.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes signed checkpoints of the audit chain: one once {@code checkpoint-every} entries were appended since the
 * last, or {@code checkpoint-interval} after it when any were, at start-up (anchoring whatever the previous run left,
 * including a chain written before the upgrade) and at shutdown. The object goes to the store first (under retention
 * where the store has it), then the row; a crash in between leaves an object without its row, which verification
 * accepts. Every process runs this; a transaction-scoped advisory lock lets one write at a time, and the lock is not
 * the ledger's, so neither appends nor the chaining of entries wait for the store. It signs the chain as chained so far
 * (entries appended and not yet chained by the ledger are not in it; a forced checkpoint flushes the ledger first).
 */
@Component
public class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final long LOCK_KEY = 0x52434D4155444350L; // "RCMAUDCP"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CheckpointStore store;
    private final AuditKeys keys;
    private final AuditProperties props;
    private final Clock clock;
    private final Ledger ledger;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    AuditCheckpoints(JdbcClient jdbc, TransactionTemplate tx, CheckpointStore store, AuditKeys keys, AuditProperties props, Clock clock,
                     Ledger ledger) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.keys = keys;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Chains every entry committed so far, then checkpoints the chain's tail unless the newest checkpoint already covers
     * it (start-up, shutdown, tests).
     */
    public Optional<Checkpoint> checkpointNow() {
        ledger.flush();
        return write(true);
    }

    /** Asks for a checkpoint-if-due soon, off the caller's thread; repeated wakes before it runs coalesce. */
    void wake() {
        ScheduledExecutorService e = executor;
        if (e != null && woken.compareAndSet(false, true)) {
            e.execute(() -> {
                woken.set(false);
                writeQuietly(false);
            });
        }
    }

    private void writeQuietly(boolean force) {
        try {
            if (force) {
                ledger.flush();
            }
            write(force);
        } catch (Refused e) {
            log.error("audit checkpoint refused reason={}", e.getMessage());
        } catch (RuntimeException e) {
            // the next poll tries again; the verify answer shows how many entries are not yet anchored
            log.warn("audit checkpoint not written reason={}", e.getClass().getSimpleName());
        }
    }

    /** The database contradicts what was signed before: signing now would vouch for it. */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    private Optional<Checkpoint> write(boolean force) {
        return Optional.ofNullable(tx.execute(s -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK_KEY).query(Boolean.class).single())) {
                return null; // another process is writing one
            }
            var tail = jdbc.sql("select seq, hash from audit_log where seq is not null order by seq desc limit 1")
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).optional();
            if (tail.isEmpty()) {
                return null;
            }
            long seq = (Long) tail.get()[0];
            var last = jdbc.sql("select seq, ts, keyed_from from audit_checkpoints order by seq desc limit 1")
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)}).optional();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (last.isPresent() && (Long) last.get()[0] >= seq) {
                return null;
            }
            boolean due = force || last.isEmpty() || seq - (Long) last.get()[0] >= props.checkpointEvery()
                    || !Duration.between((Instant) last.get()[1], now).minus(props.checkpointInterval()).isNegative();
            if (!due) {
                return null;
            }
            long keyedFrom = jdbc.sql("select first_seq from audit_chain_epochs where algorithm = 'hmac-sha256' order by first_seq limit 1")
                    .query(Long.class).optional()
                    .orElseThrow(() -> new Refused("audit_chain_epochs holds no keyed epoch: verify the audit log"));
            if (last.isPresent() && (Long) last.get()[2] != keyedFrom) {
                // never sign a moved epoch: verification reports it against the earlier checkpoints
                throw new Refused("audit_chain_epochs no longer matches the newest checkpoint: verify the audit log");
            }
            Checkpoint cp = Checkpoint.sign(seq, (String) tail.get()[1], now, keyedFrom, keys);
            String name = Checkpoint.objectName(props.checkpointPrefix(), seq);
            String protection = store.writeRetained(name, cp.toJson(), props.objectLockMode(), now.plus(props.checkpointRetention()));
            jdbc.sql("""
                            insert into audit_checkpoints (seq, hash, ts, keyed_from, key_id, public_key, signature, storage_key, protection)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(cp.seq(), cp.hash(), Timestamp.from(cp.ts()), cp.keyedFrom(), cp.keyId(), cp.publicKey(), cp.signature(),
                            name, protection)
                    .update();
            return cp;
        }));
    }

    @Override
    public void start() {
        ScheduledExecutorService e = BackgroundThread.start("audit-checkpoints");
        // first what the previous run left unanchored, off the start-up path: a slow store must not hold the server back
        if (unanchoredEntries()) {
            e.execute(() -> writeQuietly(true));
        }
        long poll = props.checkpointPoll().toMillis();
        e.scheduleWithFixedDelay(() -> writeQuietly(false), poll, poll, TimeUnit.MILLISECONDS);
        executor = e;
    }

    private boolean unanchoredEntries() {
        return jdbc.sql("""
                        select coalesce((select max(seq) from audit_log), 0) > coalesce((select max(seq) from audit_checkpoints), 0)""")
                .query(Boolean.class).single();
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        BackgroundThread.stop(e, () -> writeQuietly(true));
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts before and stops after the web server and the workflow workers, so the last entries are anchored. */
    @Override
    public int getPhase() {
        return 0;
    }
}

package io.rcmos.server.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ledger's sequencer: it gives the outbox and the audit log their order after the fact, so appending takes no lock.
 *
 * <p>A business transaction inserts its audit entries and events with their order still empty (audit {@code seq},
 * {@code prev_hash}, {@code hash}; outbox {@code position}) and calls {@link #appended()}. Once it has committed, the
 * sequencer is woken: in a transaction of its own, under a transaction-scoped advisory lock that only sequencers take
 * (one at a time across every process of a deployment), each {@link Sequence} fills in the order of the rows that have
 * committed, in insertion order, a batch at a time. Positions and sequence numbers thus commit in increasing order, and
 * a reader that pages by them never skips one. A rolled-back transaction leaves no row, so nothing to order. A poll
 * catches rows committed by other processes and anything a missed wake left behind; {@link #flush()} orders everything
 * committed so far before a reader that must not lag (the audit API, the verifier, checkpoints) reads.
 */
@Component
public class Ledger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final long LOCK_KEY = 0x52434D4C45444752L; // "RCMLEDGR", now taken by sequencers only
    private static final String WAKE_REGISTERED = Ledger.class.getName() + ".wake";
    private static final int BATCH = 1000;
    private static final long POLL_MILLIS = 250;
    /** A woken pass waits this long, so the commits of that moment are ordered in one batch rather than one pass each. */
    private static final long WAKE_DELAY_MILLIS = 3;

    /** One kind of ledger row whose order the sequencer gives. */
    public interface Sequence {
        /**
         * Inside the sequencer's transaction (the lock held): orders up to {@code limit} committed rows still without
         * their order, oldest insertion first, after the last ordered one; answers how many.
         */
        int sequence(int limit);

        /** After the sequencer's transaction that ordered rows of this kind has committed (off any business path). */
        default void sequenced() {
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<Sequence> sequenceBeans;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile List<Sequence> sequences;
    private volatile ScheduledExecutorService executor;

    public Ledger(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectProvider<Sequence> sequences) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sequenceBeans = sequences;
    }

    /**
     * Called by an append, inside the appending transaction: wakes the sequencer once that transaction has committed.
     * Takes no lock.
     */
    public void appended() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ledger appends must run inside a transaction");
        }
        if (TransactionSynchronizationManager.hasResource(WAKE_REGISTERED)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WAKE_REGISTERED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_REGISTERED);
            }
        });
    }

    /**
     * Orders, on the caller's thread, every row committed before this call (waiting for a sequencer of another process
     * that holds the lock). Must not be called inside a transaction that has appended and not yet committed: its rows
     * are not visible to the sequencer.
     */
    public void flush() {
        drain();
    }

    /** Asks the background sequencer for a pass in a few milliseconds; wakes that arrive while one is queued coalesce. */
    void wake() {
        ScheduledExecutorService e = executor;
        if (e != null && woken.compareAndSet(false, true)) {
            try {
                e.schedule(() -> {
                    woken.set(false);
                    drainQuietly();
                }, WAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                woken.set(false); // shutting down: stop() drains once more
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // rows stay unordered until the next pass: the poll retries
            log.warn("ledger sequencer pass failed reason={}", e.getClass().getSimpleName());
        }
    }

    private void drain() {
        List<Sequence> all = sequences();
        boolean more = true;
        while (more) {
            int[] counts = tx.execute(s -> {
                jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleRow();
                int[] n = new int[all.size()];
                for (int i = 0; i < all.size(); i++) {
                    n[i] = all.get(i).sequence(BATCH);
                }
                return n;
            });
            more = false;
            for (int i = 0; i < all.size(); i++) {
                if (counts[i] > 0) {
                    notifySequenced(all.get(i));
                }
                more |= counts[i] >= BATCH;
            }
        }
    }

    private static void notifySequenced(Sequence s) {
        try {
            s.sequenced();
        } catch (RuntimeException e) {
            log.warn("ledger listener failed reason={}", e.getClass().getSimpleName());
        }
    }

    private List<Sequence> sequences() {
        List<Sequence> s = sequences;
        if (s == null) {
            s = sequenceBeans.orderedStream().toList();
            sequences = s;
        }
        return s;
    }

    @Override
    public void start() {
        ScheduledExecutorService e = BackgroundThread.start("ledger-sequencer");
        // the first pass orders what a previous run committed and did not order (a crash between commit and pass)
        e.scheduleWithFixedDelay(this::drainQuietly, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        executor = e;
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        BackgroundThread.stop(e, () -> drainQuietly());
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops after the web server and the workflow workers (which append), before the checkpoint writer (phase 0). */
    @Override
    public int getPhase() {
        return 1;
    }
}

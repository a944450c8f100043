package io.rcmos.server.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger lock serialises appends to the outbox and the audit chain within the current transaction.
 *
 * <p>Why: the audit chain needs the previous entry's hash, and outbox readers page by id; both are only safe if
 * appends commit in id order. A transaction-scoped advisory lock taken before the first append gives exactly
 * that, and is released at commit or rollback. Taking it twice in one transaction is a no-op.
 */
@Component
public class Ledger {

    private static final long LOCK_KEY = 0x52434D4C45444752L; // "RCMLEDGR"
    private static final String HELD = Ledger.class.getName() + ".held";

    private final JdbcClient jdbc;

    public Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must be called inside a transaction, before appending to the outbox or the audit log. */
    public void lock() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ledger appends must run inside a transaction");
        }
        if (TransactionSynchronizationManager.hasResource(HELD)) {
            return;
        }
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleRow();
        TransactionSynchronizationManager.bindResource(HELD, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(HELD);
            }
        });
    }
}

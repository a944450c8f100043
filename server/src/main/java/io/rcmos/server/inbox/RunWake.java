package io.rcmos.server.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.UUID;

/** Tells a run that its task changed (through {@link RunHooks}); a lost wake-up only delays the run. */
final class RunWake {

    private static final Logger log = LoggerFactory.getLogger(RunWake.class);

    private final RunHooks hooks;

    RunWake(RunHooks hooks) {
        this.hooks = hooks;
    }

    void now(UUID runId, UUID taskId) {
        try {
            hooks.wake(runId, taskId);
        } catch (RuntimeException e) {
            // the run also checks its task on a timer: a lost wake-up only delays it
            log.warn("run not woken for its task: {}", e.getClass().getSimpleName());
        }
    }

    /** Wakes the run once the current transaction committed (at once when there is none). */
    void afterCommit(UUID runId, UUID taskId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    now(runId, taskId);
                }
            });
        } else {
            now(runId, taskId);
        }
    }
}

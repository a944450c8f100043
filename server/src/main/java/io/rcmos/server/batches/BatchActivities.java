package io.rcmos.server.batches;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The batch workflow's side effects; each is safe to repeat (runs are keyed, items follow their runs). */
@ActivityInterface
public interface BatchActivities {

    /**
     * Brings items up to date with their runs, starts runs for pending rows while fewer than {@code window} are
     * unfinished (none once canceled), and emits {@code batch.progressed} when something moved.
     */
    @ActivityMethod(name = "AdvanceBatch")
    Progress advance(String batchId, int window);

    /** Marks the batch completed (or canceled) and emits {@code batch.completed}. */
    @ActivityMethod(name = "FinishBatch")
    void finish(String batchId);

    /** Where the batch stands: rows not yet started, runs not yet finished, whether it was canceled. */
    record Progress(long pending, long active, boolean canceled) {
        public boolean done() {
            return active == 0 && (pending == 0 || canceled);
        }
    }
}

package io.rcmos.server.batches;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per batch ({@code batch-<batch_id>}): starts a run per valid row in row order, keeping at most a
 * window of them unfinished, until every row has run or the batch is canceled. Continues as new before its history
 * grows long, so a million-row batch stays well inside Temporal's limits.
 */
@WorkflowInterface
public interface BatchWorkflow {

    static String workflowId(java.util.UUID batchId) {
        return "batch-" + batchId;
    }

    @WorkflowMethod(name = "Batch")
    void run(String batchId);

    /** Something changed (a cancel): look again now rather than at the next tick. */
    @SignalMethod(name = "poke")
    void poke();
}

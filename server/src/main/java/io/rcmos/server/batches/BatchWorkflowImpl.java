package io.rcmos.server.batches;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** Orchestration only (no I/O, clock or randomness): advance, wait a tick or a poke, repeat; continue as new every so often. */
public class BatchWorkflowImpl implements BatchWorkflow {

    /** How often the batch looks at its runs when nothing pokes it. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** Runs kept unfinished at once; governance paces them further per payer. */
    static final int WINDOW = 200;
    /** Iterations before continuing as new: about 8 history events each, far below Temporal's limits. */
    static final int ITERATIONS_PER_RUN = 1000;

    private final BatchActivities activities = Workflow.newActivityStub(BatchActivities.class, ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build());

    private boolean poked;

    @Override
    public void run(String batchId) {
        for (int i = 0; i < ITERATIONS_PER_RUN; i++) {
            BatchActivities.Progress progress = activities.advance(batchId, WINDOW);
            if (progress.done()) {
                activities.finish(batchId);
                return;
            }
            Workflow.await(TICK, () -> poked);
            poked = false;
        }
        Workflow.continueAsNew(batchId);
    }

    @Override
    public void poke() {
        poked = true;
    }
}

package io.rcmos.server.batches;

import io.rcmos.server.platform.TemporalProperties;
import io.rcmos.server.platform.WorkflowPresence;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Starts a stored batch's workflow exactly once ({@code batch-<id>}); a start that did not happen (crash, Temporal
 * briefly away) is made by the sweeper, and with the embedded Temporal server unfinished batches are re-attached at
 * start-up — their rows' runs are keyed, so nothing starts twice.
 */
@Component
class BatchStarter {

    private static final Logger log = LoggerFactory.getLogger(BatchStarter.class);

    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final BatchStore store;

    BatchStarter(WorkflowClient client, TemporalProperties temporal, BatchStore store) {
        this.client = client;
        this.temporal = temporal;
        this.store = store;
    }

    void start(UUID batchId) {
        BatchWorkflow workflow = client.newWorkflowStub(BatchWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(BatchWorkflow.workflowId(batchId))
                .setTaskQueue(temporal.taskQueue() + BatchWorker.QUEUE_SUFFIX)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        try {
            WorkflowClient.start(workflow::run, batchId.toString());
        } catch (WorkflowExecutionAlreadyStarted e) {
            // started before
        } catch (RuntimeException e) {
            log.warn("batch workflow start deferred to the sweeper batch_id={} reason={}", batchId, e.getClass().getSimpleName());
            return;
        }
        store.markStarted(batchId);
    }

    /** Wakes the batch's workflow (after a cancel); harmless when it has finished. */
    void poke(UUID batchId) {
        try {
            client.newWorkflowStub(BatchWorkflow.class, BatchWorkflow.workflowId(batchId)).poke();
        } catch (RuntimeException e) {
            // finished or not started yet: it reads the batch's state when it runs
        }
    }

    @Scheduled(fixedDelayString = "${rcm.runs.sweep-interval:2s}", initialDelayString = "${rcm.runs.sweep-interval:2s}")
    void sweep() {
        try {
            for (UUID batchId : store.unstarted(20)) {
                start(batchId);
            }
        } catch (RuntimeException e) {
            log.warn("batch sweeper pass failed reason={}", e.getClass().getSimpleName());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void reattach() {
        if (!temporal.embedded()) {
            return;
        }
        for (UUID batchId : store.unfinished()) {
            if (WorkflowPresence.missing(client, temporal.namespace(), BatchWorkflow.workflowId(batchId))) {
                store.markUnstarted(batchId);
                log.info("re-attaching unfinished batch {}", batchId);
            }
        }
    }
}

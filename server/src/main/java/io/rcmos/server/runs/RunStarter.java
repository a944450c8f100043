package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.rcmos.server.platform.TemporalProperties;
import io.rcmos.server.platform.WorkflowPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Starts the workflow of an accepted run, exactly once (workflow id {@code run-<run_id>}, duplicates refused by
 * Temporal). A run whose start did not happen — a crash between commit and start, Temporal briefly down — is
 * found by the sweeper and started then, so nothing accepted is lost. With the embedded Temporal server, whose
 * history lives in memory, unfinished runs are re-attached at start-up.
 */
@Component
class RunStarter {

    private static final Logger log = LoggerFactory.getLogger(RunStarter.class);

    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final RunStore store;
    private final RunJournal journal;

    RunStarter(WorkflowClient client, TemporalProperties temporal, RunStore store, RunJournal journal) {
        this.client = client;
        this.temporal = temporal;
        this.store = store;
        this.journal = journal;
    }

    void start(UUID runId) {
        RunStore.RunRow run = store.row(runId).orElseThrow();
        start(runId, run.payerId(), run.purpose());
    }

    /** Starts the workflow of a run just accepted (its payer and purpose known: nothing to read back). */
    void start(UUID runId, String payerId, Purpose purpose) {
        if (begin(new Start(runId, payerId, purpose))) {
            journal.workflowStarted(runId, true);
        }
    }

    /** A run just accepted whose workflow is to be started. */
    record Start(UUID runId, String payerId, Purpose purpose) {
    }

    /**
     * Starts the workflows of many runs just accepted (a batch's rows), then records the ones started in one
     * statement; a start that did not happen is left to the sweeper, as for one run.
     */
    void startAll(List<Start> starts) {
        List<UUID> started = new ArrayList<>(starts.size());
        for (Start s : starts) {
            if (begin(s)) {
                started.add(s.runId());
            }
        }
        journal.workflowsStarted(started);
    }

    /** Starts one run's workflow; true when it runs now (started here, or before), false when the sweeper must. */
    private boolean begin(Start start) {
        RunWorkflow workflow = client.newWorkflowStub(RunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(RunWorkflow.workflowId(start.runId()))
                .setTaskQueue(temporal.taskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowExecutionTimeout(Duration.ofDays(3))
                .build());
        try {
            WorkflowClient.start(workflow::run, new RunWorkflow.RunInput(start.runId().toString(), start.payerId(),
                    start.purpose().wire()));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // started before: by another replica's sweeper, or by us before a crash
        } catch (RuntimeException e) {
            log.warn("workflow start deferred to the sweeper run_id={} reason={}", start.runId(), e.getClass().getSimpleName());
            return false;
        }
        return true;
    }

    /** Tells the run's workflow its inbox task changed (the id only; the answer stays in PostgreSQL). */
    void signalTask(UUID runId, UUID breakpointId) {
        client.newWorkflowStub(RunWorkflow.class, RunWorkflow.workflowId(runId)).taskChanged(breakpointId.toString());
    }

    @Scheduled(fixedDelayString = "${rcm.runs.sweep-interval:2s}", initialDelayString = "${rcm.runs.sweep-interval:2s}")
    void sweep() {
        try {
            for (UUID runId : store.unstarted(200)) {
                start(runId);
            }
        } catch (RuntimeException e) {
            log.warn("run sweeper pass failed reason={}", e.getClass().getSimpleName());
        }
    }

    /** Embedded Temporal forgets everything on restart: give unfinished runs their workflow back. */
    @EventListener(ApplicationReadyEvent.class)
    void reattach() {
        if (!temporal.embedded()) {
            return;
        }
        int reattached = 0;
        for (UUID runId : store.unfinished()) {
            if (WorkflowPresence.missing(client, temporal.namespace(), RunWorkflow.workflowId(runId))) {
                journal.workflowStarted(runId, false);
                reattached++;
            }
        }
        if (reattached > 0) {
            log.info("re-attaching {} unfinished runs to new workflows", reattached);
        }
    }
}

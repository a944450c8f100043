package io.rcmos.server.runs;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per run: ask the routing policy for the next hop, wait for governance, try the channel, park at human
 * breakpoints (inbox tasks), record the answer.
 * Workflow id is {@code run-<run_id>}; input and result carry ids and codes only (PHI stays in PostgreSQL).
 */
@WorkflowInterface
public interface RunWorkflow {

    String TASK_QUEUE_PROPERTY = "rcm.temporal.task-queue";

    static String workflowId(java.util.UUID runId) {
        return "run-" + runId;
    }

    @WorkflowMethod(name = "Run")
    RunOutcome run(RunInput input);

    /**
     * The run's inbox task changed (resolved, or expired by its SLA). Carries the task's id only: what the person
     * answered stays sealed in PostgreSQL and out of the workflow's history.
     */
    @SignalMethod(name = "task_changed")
    void taskChanged(String breakpointId);

    @QueryMethod(name = "get_state")
    RunState getState();

    /**
     * The workflow input: which run, plus its payer id and purpose for traces and visibility. Everything else
     * (the PHI-bearing request) is read by activities from PostgreSQL.
     */
    record RunInput(String runId, String payerId, String purpose) {
    }

    /** The workflow result: final status, the route that answered (or null) and a failure code (or null). */
    record RunOutcome(String status, String route, String errorCode) {
    }

    /** What the workflow is doing now. {@code waitingFor} is a breakpoint kind while parked, else null. */
    record RunState(String status, String route, int attempts, String waitingFor, long waitingSinceMillis) {
    }
}

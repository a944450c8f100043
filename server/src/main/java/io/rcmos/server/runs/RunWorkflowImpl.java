package io.rcmos.server.runs;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.List;

/**
 * Orchestration only: no I/O, no wall clock, no randomness (determinism, guarded by the replay test).
 * Bookkeeping activities retry until the database answers; channel attempts retry a few times, then the run fails
 * with {@code channel_error}.
 */
public class RunWorkflowImpl implements RunWorkflow {

    private final RunActivities bookkeeping = Workflow.newActivityStub(RunActivities.class, ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(500))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build());

    private final RunActivities channels = Workflow.newActivityStub(RunActivities.class, ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(3))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2)
                    .setMaximumAttempts(3)
                    .build())
            .build());

    /**
     * Portal attempts drive a browser: they go to their own task queue ({@code <runs queue>-portal}), polled by a
     * worker with as many slots as there are browsers, so a batch cannot start more browser sessions than exist and
     * clearinghouse attempts never wait behind them. A flow may run ten minutes (MFA included).
     */
    private RunActivities portal;

    private RunActivities portal() {
        if (portal == null) {
            portal = Workflow.newActivityStub(RunActivities.class, ActivityOptions.newBuilder()
                    .setTaskQueue(Workflow.getInfo().getTaskQueue() + PORTAL_QUEUE_SUFFIX)
                    .setScheduleToStartTimeout(Duration.ofMinutes(30))
                    .setStartToCloseTimeout(Duration.ofMinutes(15))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(2))
                            .setBackoffCoefficient(2)
                            .setMaximumAttempts(2)
                            .build())
                    .build());
        }
        return portal;
    }

    private String status = "queued";
    private String route;
    private int attempts;
    private String waitingFor;
    private long waitingSince;
    private String mfaCode;

    @Override
    public RunOutcome run(RunInput input) {
        String runId = input.runId();
        List<String> plan = bookkeeping.start(runId);
        status = "running";
        for (String candidate : plan) {
            route = candidate;
            String humanInput = null;
            while (true) {
                attempts++;
                RunActivities.Attempt result;
                try {
                    result = ("portal".equals(candidate) ? portal() : channels).attempt(runId, candidate, attempts, humanInput);
                } catch (ActivityFailure e) {
                    return fail(runId, "channel_error", "channel " + candidate + " kept failing", true);
                }
                switch (result.kind()) {
                    case ANSWERED -> {
                        status = "succeeded";
                        return new RunOutcome(status, candidate, null);
                    }
                    case REJECTED -> {
                        return fail(runId, result.code(), result.message(), false);
                    }
                    case UNAVAILABLE -> humanInput = null;
                    case NEEDS_HUMAN -> {
                        humanInput = waitForHuman(runId, result);
                        if (humanInput == null) {
                            return fail(runId, "human_timeout", "nobody answered the " + result.breakpoint() + " breakpoint in time", true);
                        }
                        continue;
                    }
                }
                break; // UNAVAILABLE: next route
            }
        }
        return fail(runId, "no_channel_answered", plan.isEmpty() ? "no channel supports this run" : "every channel was unavailable", true);
    }

    private String waitForHuman(String runId, RunActivities.Attempt breakpoint) {
        long deadline = Workflow.currentTimeMillis() + breakpoint.deadlineSeconds() * 1000;
        // a code may already be here: the API accepts answers as soon as the database says "waiting", which can be
        // before this workflow reaches the breakpoint (e.g. a run re-attached after a restart)
        status = "waiting_for_human";
        waitingFor = breakpoint.breakpoint();
        waitingSince = Workflow.currentTimeMillis();
        bookkeeping.awaitHuman(runId, breakpoint.breakpoint(), breakpoint.prompt(), deadline);
        boolean answered = Workflow.await(Duration.ofSeconds(breakpoint.deadlineSeconds()), () -> mfaCode != null);
        waitingFor = null;
        if (!answered) {
            return null;
        }
        String code = mfaCode;
        mfaCode = null;
        bookkeeping.resumeFromHuman(runId, breakpoint.breakpoint());
        status = "running";
        return code;
    }

    private RunOutcome fail(String runId, String code, String message, boolean retryable) {
        bookkeeping.fail(runId, code, message, retryable);
        status = "failed";
        return new RunOutcome(status, route, code);
    }

    @Override
    public void provideMfa(String code) {
        if (!"succeeded".equals(status) && !"failed".equals(status)) {
            mfaCode = code;
        }
    }

    @Override
    public RunState getState() {
        return new RunState(status, route, attempts, waitingFor, waitingSince);
    }
}

package io.rcmos.server.runs;

import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Orchestration only: no I/O, no wall clock, no randomness (determinism, guarded by the replay tests), and no
 * channel's name: a channel's queue and time limits come from the {@link AttemptPolicy} it declared.
 * The loop: the routing policy names the next hop (a channel, a person, or the end); a channel is called once
 * governance allows (waiting is a durable timer, so a throttled run stays queued); a breakpoint parks the run on an
 * inbox task until a person resolves it or its SLA ends it. Bookkeeping activities retry until the database answers.
 */
public class RunWorkflowImpl implements RunWorkflow {

    /** A parked run re-checks its task this often in case a wake-up signal was lost. */
    static final Duration TASK_RECHECK = Duration.ofMinutes(10);

    /** Bookkeeping (activities and local activities alike) retries until the database answers. */
    private static final RetryOptions UNTIL_THE_DATABASE_ANSWERS = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setMaximumInterval(Duration.ofSeconds(30))
            .build();

    private final RunActivities bookkeeping = Workflow.newActivityStub(RunActivities.class, ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(UNTIL_THE_DATABASE_ANSWERS)
            .build());

    /**
     * Attempts run under their channel's {@link AttemptPolicy} (task queue, time limits, heartbeats, the only retries),
     * given when the worker registers this workflow; a channel's stub is made on its first attempt. A channel with a
     * queue of its own (the portal's browser slots) gets its attempts there, so a batch cannot start more browser
     * sessions than exist and other attempts never wait behind them.
     */
    private final Map<String, AttemptPolicy> policies;
    private final Map<String, RunActivities> attemptStubs = new HashMap<>();

    /**
     * Since {@link #SHAPE} 1, the cheap decisions run as local activities in the workflow task that needs them (no
     * round trip through the server): the plan (route + first permit), further permits, the start of a run a person
     * takes first, the failure.
     */
    private final RunActivities local = Workflow.newLocalActivityStub(RunActivities.class, LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(UNTIL_THE_DATABASE_ANSWERS)
            .build());

    /**
     * The workflow's shape, for {@link Workflow#getVersion}: {@code DEFAULT_VERSION} (histories recorded before it) asks
     * Route, Acquire, StartRun and Attempt as separate activities; 1 asks one local Plan, then the Attempt, which starts
     * the run itself — as a local activity too when the plan says the channel's attempts are local (a short call
     * without heartbeat: the clearinghouse), so a clean run is one workflow task.
     */
    static final String SHAPE = "run-shape";
    static final int PLAN_THEN_ATTEMPT = 1;

    /** With the default policy for every channel (tests and the replayer, which replay no timeouts). */
    public RunWorkflowImpl() {
        this(Map.of());
    }

    RunWorkflowImpl(Map<String, AttemptPolicy> policies) {
        this.policies = policies;
    }

    private RunActivities attemptStub(String route, boolean local) {
        AttemptPolicy policy = policies.getOrDefault(route, AttemptPolicy.DEFAULT);
        return attemptStubs.computeIfAbsent((local ? "local:" : "") + route, r -> local
                ? Workflow.newLocalActivityStub(RunActivities.class, policy.localActivityOptions())
                : Workflow.newActivityStub(RunActivities.class, policy.activityOptions(Workflow.getInfo().getTaskQueue())));
    }

    private int shape;
    private String status = "queued";
    private String route;
    private int attempts;
    private String waitingFor;
    private long waitingSince;
    private boolean started;
    private final Set<String> changedTasks = new HashSet<>();

    @Override
    public RunOutcome run(RunInput input) {
        String runId = input.runId();
        shape = Workflow.getVersion(SHAPE, Workflow.DEFAULT_VERSION, PLAN_THEN_ATTEMPT);
        RoutePolicy.Context context = RoutePolicy.Context.first();
        while (true) {
            RoutePolicy.Hop hop;
            Governor.Permit permit = null;
            boolean localAttempts = false;
            if (shape >= PLAN_THEN_ATTEMPT) {
                RunActivities.Plan plan = local.plan(runId, context);
                hop = plan.hop();
                permit = plan.permit();
                localAttempts = plan.localAttempts();
            } else {
                hop = bookkeeping.route(runId, context);
            }
            switch (hop.kind()) {
                case FAIL -> {
                    return fail(runId, hop.code(), hop.reason(), hop.retryable());
                }
                case HUMAN -> {
                    route = "human";
                    ensureStarted(runId);
                    Parked parked = waitForPerson(runId, null, hop.taskType(), hop.code(), hop.reason(), 0);
                    switch (parked.state().action() == null ? "" : parked.state().action()) {
                        case "accept", "answer" -> {
                            bookkeeping.completeByPerson(runId, parked.breakpointId(), parked.state().action());
                            status = "succeeded";
                            return new RunOutcome(status, "answer".equals(parked.state().action()) ? "human" : context.lastRoute(), null);
                        }
                        case "correct", "retry" -> context = RoutePolicy.Context.first();
                        default -> {
                            return failParked(runId, parked);
                        }
                    }
                }
                case CHANNEL -> {
                    route = hop.route();
                    String breakpointId = null;
                    boolean reroute = false;
                    while (!reroute) {
                        // before every attempt, a resumed one too: the credential lease and a token
                        throttle(runId, route, permit);
                        permit = null;
                        if (shape >= PLAN_THEN_ATTEMPT) {
                            started = true; // the attempt starts the run
                            status = "running";
                        } else {
                            ensureStarted(runId);
                        }
                        attempts++;
                        RunActivities.Attempt result;
                        try {
                            result = attemptStub(route, localAttempts).attempt(runId, route, attempts, breakpointId);
                        } catch (ActivityFailure e) {
                            result = unanswered(route, e);
                        }
                        if (result.kind() == RunActivities.Attempt.Kind.ANSWERED) {
                            status = "succeeded";
                            return new RunOutcome(status, route, null);
                        }
                        if (result.kind() != RunActivities.Attempt.Kind.NEEDS_HUMAN) {
                            context = context.after(route, result.code(), result.failureClass(), result.message());
                            break;
                        }
                        Parked parked = waitForPerson(runId, route, result.breakpoint(), null, result.prompt(), result.deadlineSeconds());
                        String action = parked.state().action() == null ? "" : parked.state().action();
                        switch (action) {
                            case "submit" -> breakpointId = parked.breakpointId();
                            case "retry" -> breakpointId = null;
                            case "accept", "answer" -> {
                                // an ambiguous page a person settled: the refusal as it stands, or what they looked up
                                bookkeeping.completeByPerson(runId, parked.breakpointId(), action);
                                status = "succeeded";
                                return new RunOutcome(status, "answer".equals(action) ? "human" : route, null);
                            }
                            case "correct" -> {
                                context = RoutePolicy.Context.first();
                                reroute = true;
                            }
                            default -> {
                                return failParked(runId, parked);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The attempts ran out without a result: a transient failure whose last try Temporal made (its code, e.g.
     * {@code clearinghouse_unavailable}), or attempts that timed out or broke ({@code channel_error}). Either way the
     * route is unavailable for now and the routing policy moves on.
     */
    static RunActivities.Attempt unanswered(String route, ActivityFailure failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure app && AttemptPolicy.TRANSIENT_FAILURE.equals(app.getType())
                    && app.getDetails().getSize() > 0) {
                return new RunActivities.Attempt(RunActivities.Attempt.Kind.UNAVAILABLE, app.getDetails().get(String.class),
                        app.getOriginalMessage(), null, null, 0, FailureClass.TRANSIENT);
            }
        }
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.UNAVAILABLE, "channel_error",
                "channel " + route + " kept failing", null, null, 0, FailureClass.TRANSIENT);
    }

    /**
     * Waits (as durable timers) until governance lets the run call the route; its token is reserved when granted.
     * {@code first} is the plan's answer to the first ask (since {@link #SHAPE} 1), or null to ask.
     */
    private void throttle(String runId, String route, Governor.Permit first) {
        Governor.Permit permit = first;
        for (int asked = 0; ; asked++) {
            if (permit == null) {
                permit = shape >= PLAN_THEN_ATTEMPT ? local.acquire(runId, route, asked) : bookkeeping.acquire(runId, route, asked);
            }
            if (permit.waitMillis() > 0) {
                Workflow.sleep(Duration.ofMillis(permit.waitMillis()));
            }
            if (permit.granted()) {
                return;
            }
            permit = null;
        }
    }

    private void ensureStarted(String runId) {
        if (!started) {
            (shape >= PLAN_THEN_ATTEMPT ? local : bookkeeping).start(runId);
            started = true;
            status = "running";
        }
    }

    private record Parked(String breakpointId, RunActivities.TaskState state) {
    }

    /** Opens an inbox task and waits until it is closed: resolved by a person, or expired/canceled. */
    private Parked waitForPerson(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds) {
        RunActivities.Task task = bookkeeping.openTask(runId, route, type, reasonCode, prompt, windowSeconds);
        status = "waiting_for_human";
        waitingFor = type;
        waitingSince = Workflow.currentTimeMillis();
        while (true) {
            // checked first: a run re-attached after a restart may find its task already resolved
            RunActivities.TaskState state = bookkeeping.checkTask(runId, task.breakpointId());
            if (state.closed()) {
                waitingFor = null;
                status = "running";
                return new Parked(task.breakpointId(), state);
            }
            Workflow.await(TASK_RECHECK, () -> changedTasks.contains(task.breakpointId()));
            changedTasks.remove(task.breakpointId());
        }
    }

    private RunOutcome failParked(String runId, Parked parked) {
        RunActivities.TaskState state = parked.state();
        if ("fail".equals(state.action())) {
            return fail(runId, "failed_by_person", "a person ended the run at its inbox task", false);
        }
        if ("expired".equals(state.status())) {
            return fail(runId, "human_sla_breached", "nobody resolved the inbox task within its SLA", true);
        }
        return fail(runId, "human_task_canceled", "the run's inbox task was canceled", true);
    }

    private RunOutcome fail(String runId, String code, String message, boolean retryable) {
        (shape >= PLAN_THEN_ATTEMPT ? local : bookkeeping).fail(runId, code, message, retryable);
        status = "failed";
        return new RunOutcome(status, route, code);
    }

    @Override
    public void taskChanged(String breakpointId) {
        changedTasks.add(breakpointId);
    }

    @Override
    public RunState getState() {
        return new RunState(status, route, attempts, waitingFor, waitingSince);
    }
}

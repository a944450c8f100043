package io.rcmos.server.runs;

import io.opentelemetry.api.trace.Span;
import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.ChannelProperties;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.Lane;
import io.rcmos.server.inbox.Inbox;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
import io.rcmos.server.routing.Router;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The run workflow's side effects: orchestration of the runs module's {@link RunJournal} (every state change),
 * the routing policy, governance, the inbox and the channels. Nothing here writes a table itself.
 */
@Component
class RunActivitiesImpl implements RunActivities {

    private static final Logger log = LoggerFactory.getLogger(RunActivitiesImpl.class);
    private static final Duration DEFAULT_HUMAN_DEADLINE = Duration.ofMinutes(15);
    /** How long a parked run keeps its credential beyond its task's due time. */
    private static final Duration PARKED_HOLD = Duration.ofMinutes(45);
    /** The lease outlives an attempt's own time limit. */
    private static final Duration ATTEMPT_HOLD = Duration.ofMinutes(20);

    private final RunStore store;
    private final RunJournal journal;
    private final Channels channels;
    private final JsonMapper json;
    private final RunMetrics metrics;
    private final Router router;
    private final Governor governor;
    private final Inbox inbox;
    private final RunInboxHooks hooks;
    /** Sends the heartbeats of long attempts while their threads are busy in a channel. */
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "attempt-heartbeat");
        t.setDaemon(true);
        return t;
    });

    RunActivitiesImpl(RunStore store, RunJournal journal, Channels channels, JsonMapper json, RunMetrics metrics, Router router,
                      Governor governor, Inbox inbox, RunInboxHooks hooks) {
        this.store = store;
        this.journal = journal;
        this.channels = channels;
        this.json = json;
        this.metrics = metrics;
        this.router = router;
        this.governor = governor;
        this.inbox = inbox;
        this.hooks = hooks;
    }

    @Override
    public void start(String runId) {
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            journal.started(row(UUID.fromString(runId)));
        }
    }

    @Override
    public RoutePolicy.Hop route(String runId, RoutePolicy.Context context) {
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            return route(row(UUID.fromString(runId)), context);
        }
    }

    private RoutePolicy.Hop route(RunStore.RunRow run, RoutePolicy.Context context) {
        RoutePolicy.Hop hop = router.next(run.payerId(), run.purpose().wire(), run.requestedRoute(),
                channels.options(run.purpose(), run.payerId()), context);
        journal.routed(run, hop, context);
        log.info("route hop={} route={}", hop.kind(), hop.route());
        return hop;
    }

    @Override
    public Plan plan(String runId, RoutePolicy.Context context) {
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(UUID.fromString(runId));
            RoutePolicy.Hop hop = route(run, context);
            if (hop.kind() != RoutePolicy.Kind.CHANNEL) {
                return new Plan(hop, null, false);
            }
            boolean local = channels.get(hop.route()).map(c -> c.properties().local()).orElse(false);
            return new Plan(hop, acquire(run, hop.route(), 0), local);
        }
    }

    @Override
    public Governor.Permit acquire(String runId, String route, int asked) {
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            return acquire(row(UUID.fromString(runId)), route, asked);
        }
    }

    private Governor.Permit acquire(RunStore.RunRow run, String route, int asked) {
        Optional<Channel> channel = channels.get(route);
        Lane lane = channel.map(c -> c.lane(run.purpose(), run.payerId())).orElse(null);
        Duration hold = channel.map(c -> c.properties().leaseHold()).orElse(ChannelProperties.CALL_HOLD);
        Governor.Permit permit = governor.acquire(run.runId(), run.payerId(), lane, hold, asked);
        if (asked == 0 && permit.reason() != null) {
            journal.throttled(run, route, permit);
        }
        return permit;
    }

    @Override
    public Attempt attempt(String runId, String route, int attempt, String breakpointId) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            if (run.status() == RunStatus.SUCCEEDED) {
                // a retry of an attempt whose completion already committed
                return new Attempt(Attempt.Kind.ANSWERED, null, null, null, null, 0, null);
            }
            Channel channel = channels.get(route).orElseThrow(() ->
                    ApplicationFailure.newNonRetryableFailure("no channel for route " + route, "route_unavailable"));
            ActivityExecutionContext activity = Activity.getExecutionContext();
            int tried = activity.getInfo().getAttempt();
            journal.attempting(run, route, attempt, tried);
            boolean leased = leased(channel, run);
            if (leased) {
                governor.holdAll(id, Instant.now().plus(ATTEMPT_HOLD));
            }
            UUID task = breakpointId == null ? null : UUID.fromString(breakpointId);
            String humanInput = task == null ? null : inbox.answer(task).map(a -> json.readTree(a).asString()).orElse(null);
            ChannelOutcome outcome;
            try (AttemptHeartbeat heartbeat = AttemptHeartbeat.start(activity, heartbeats)) {
                outcome = channel.execute(new ChannelCall(id, run.payerId(), inquiry(run), attempt, humanInput, heartbeat));
            }
            if (task != null) {
                inbox.forget(task); // a code is good once
            }
            if (outcome instanceof ChannelOutcome.Transient failed) {
                outcome = retryOrGiveUp(run, route, tried, maxAttempts(activity.getInfo().getRetryOptions(), channel), failed);
            }
            if (leased && !(outcome instanceof ChannelOutcome.NeedsHuman)) {
                governor.release(id); // the credential is free for the next run
            }
            if (outcome instanceof ChannelOutcome.Answered answered) {
                complete(run, route, answered.answer().result(), () -> channel.settle(id), false); // settled: a later attempt asks anew
                return new Attempt(Attempt.Kind.ANSWERED, null, null, null, null, 0, null);
            }
            if (outcome instanceof ChannelOutcome.NeedsHuman human) {
                Duration deadline = human.deadline() == null ? DEFAULT_HUMAN_DEADLINE : human.deadline();
                return new Attempt(Attempt.Kind.NEEDS_HUMAN, null, null, human.kind().wire(), human.prompt(), deadline.toSeconds(), null);
            }
            if (outcome instanceof ChannelOutcome.Rejected rejected) {
                journal.rejected(run, route, rejected, () -> channel.settle(id));
                return new Attempt(Attempt.Kind.REJECTED, rejected.code(), rejected.reason(), null, null, 0, FailureClass.DATA);
            }
            ChannelOutcome.Failure failure = (ChannelOutcome.Failure) outcome;
            journal.unavailable(run, route, failure, () -> channel.settle(id));
            return new Attempt(Attempt.Kind.UNAVAILABLE, failure.code(), failure.reason(), null, null, 0, failure.failureClass());
        }
    }

    /** Whether the channel's lane for this run holds a credential lease (a portal login); nothing to renew otherwise. */
    private static boolean leased(Channel channel, RunStore.RunRow run) {
        Lane lane = channel.lane(run.purpose(), run.payerId());
        return lane != null && lane.credential() != null;
    }

    /** The run's stored request as the channel's typed inquiry. */
    private Inquiry inquiry(RunStore.RunRow run) {
        return Inquiry.of(json.treeToValue(run.input(), run.purpose().inputType()));
    }

    /**
     * A transient failure of one attempt: written to the run's timeline, then thrown for Temporal to retry under the
     * channel's {@link AttemptPolicy} — after the delay the other side asked for, when it asked. On the policy's last
     * attempt it becomes an unavailable route (transient), so the routing policy moves on.
     */
    private ChannelOutcome retryOrGiveUp(RunStore.RunRow run, String route, int tried, int maxAttempts, ChannelOutcome.Transient failed) {
        boolean more = tried < maxAttempts;
        journal.attemptFailed(run, route, tried, failed, more);
        log.info("attempt failed route={} try={} code={} retry={}", route, tried, failed.code(), more);
        if (!more) {
            return new ChannelOutcome.Unavailable(FailureClass.TRANSIENT, failed.code(), failed.reason(), failed.payerCode());
        }
        // benign: an expected, retried failure — the line above and the timeline say it; no warning with a stack trace
        ApplicationFailure.Builder failure = ApplicationFailure.newBuilder().setType(AttemptPolicy.TRANSIENT_FAILURE)
                .setMessage(failed.reason()).setDetails(failed.code()).setCategory(ApplicationErrorCategory.BENIGN);
        if (failed.retryAfter() != null) {
            failure.setNextRetryDelay(failed.retryAfter());
        }
        throw failure.build();
    }

    /**
     * How many attempts the retry policy allows: as Temporal states it for this attempt, or (where the server does not
     * pass the policy on, as the test server does not) as the channel's policy says — the one the workflow was given.
     */
    private static int maxAttempts(RetryOptions stated, Channel channel) {
        return stated != null && stated.getMaximumAttempts() > 0 ? stated.getMaximumAttempts() : channel.properties().attempts().maxAttempts();
    }

    @Override
    public Task openTask(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            RunJournal.Parking parked = journal.parked(run, type, prompt, () -> {
                Inbox.Opened opened = inbox.open(id, run.batchId(), type, run.payerId(), run.purpose().wire(), route, reasonCode,
                        prompt, windowSeconds > 0 ? Duration.ofSeconds(windowSeconds) : null);
                return new RunJournal.Parking(opened.id(), opened.created(), opened.dueAt().toString());
            });
            Instant due = Instant.parse(parked.dueAt());
            // a run parked at a portal keeps its login (and so its credential) until the task is due, and a little more
            governor.holdAll(id, due.plus(PARKED_HOLD));
            return new Task(parked.breakpointId().toString(), due.toEpochMilli());
        }
    }

    @Override
    public TaskState checkTask(String runId, String breakpointId) {
        UUID id = UUID.fromString(runId);
        UUID task = UUID.fromString(breakpointId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            Inbox.State state = inbox.state(task).orElseThrow(() ->
                    ApplicationFailure.newNonRetryableFailure("inbox task not found", "task_not_found"));
            if (!"resolved".equals(state.status())) {
                if (!"open".equals(state.status()) && !"claimed".equals(state.status())) {
                    inbox.consume(task);
                }
                return new TaskState(state.status(), state.action());
            }
            journal.resumed(run, task, state.type(), state.action(), () -> {
                inbox.consume(task);
                if ("correct".equals(state.action())) {
                    inbox.answer(task).ifPresent(patch -> {
                        JsonNode changes = json.readTree(patch);
                        journal.corrected(run, task, hooks.corrected(run, changes), RunInboxHooks.fields(changes));
                    });
                    inbox.forget(task);
                }
            });
            return new TaskState(state.status(), state.action());
        }
    }

    @Override
    public void completeByPerson(String runId, String breakpointId, String action) {
        UUID id = UUID.fromString(runId);
        UUID task = UUID.fromString(breakpointId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            if (run.status() == RunStatus.SUCCEEDED) {
                return;
            }
            if ("answer".equals(action)) {
                String value = inbox.answer(task).orElseThrow(() ->
                        ApplicationFailure.newNonRetryableFailure("the answer is gone", "answer_missing"));
                complete(run, "human", hooks.result(run.purpose(), json.readTree(value)), () -> { }, true);
                inbox.forget(task);
            } else {
                complete(run, run.route(), json.treeToValue(run.output(), run.purpose().resultType()), () -> { }, true);
            }
        }
    }

    /**
     * Completes the run; {@code alongside} (a channel settling its request) commits with it. {@code release}: the run
     * may still hold a credential lease (it was parked at a person).
     */
    private void complete(RunStore.RunRow run, String route, Object result, Runnable alongside, boolean release) {
        boolean changed = journal.succeeded(run, route, result, alongside);
        if (release) {
            governor.release(run.runId());
        }
        if (changed) {
            metrics.finished(run.purpose(), run.payerId(), route, "succeeded", run.humanTouches() > 0,
                    Duration.between(run.createdAt(), Instant.now()));
            log.info("run succeeded route={}", route);
        }
    }

    @Override
    public void fail(String runId, String code, String message, boolean retryable) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            boolean changed = journal.failed(run, code, message, retryable,
                    () -> inbox.cancelOpen(id, run.batchId(), "run failed: " + code));
            governor.release(id);
            if (changed) {
                metrics.finished(run.purpose(), run.payerId(), run.route(), "failed", run.humanTouches() > 0,
                        Duration.between(run.createdAt(), Instant.now()));
                log.info("run failed code={}", code);
            }
        }
    }

    private RunStore.RunRow row(UUID id) {
        RunStore.RunRow run = store.row(id).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("run not found", "run_not_found"));
        RunSpanAttributes.tag(Span.current(), id.toString(), run.payerId(), run.purpose().wire());
        return run;
    }
}

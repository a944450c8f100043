package io.rcmos.server.runs;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.inbox.Inbox;
import io.rcmos.server.routing.FailureClass;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.Lane;
import io.rcmos.server.routing.RoutePolicy;
import io.rcmos.server.routing.Router;
import tools.jackson.databind.JsonNode;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.opentelemetry.api.trace.Span;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The run workflow's side effects against PostgreSQL, the outbox, the audit chain and the channels. */
@Component
class RunActivitiesImpl implements RunActivities {

    private static final Logger log = LoggerFactory.getLogger(RunActivitiesImpl.class);
    private static final Actor BOT = Actor.bot("run-workflow");
    private static final Duration DEFAULT_HUMAN_DEADLINE = Duration.ofMinutes(15);
    /**
     * How long a granted permit holds a portal credential: a browser slot may take 30 minutes to free up and the
     * attempt may run 15; the attempt renews it when it starts and releases it when it ends.
     */
    private static final Duration PORTAL_HOLD = Duration.ofMinutes(45);
    private static final Duration ATTEMPT_HOLD = Duration.ofMinutes(20);
    private static final Duration CALL_HOLD = Duration.ofMinutes(3);

    private final RunStore store;
    private final Channels channels;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
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

    RunActivitiesImpl(RunStore store, Channels channels, Events events, AuditLog audit, TransactionTemplate tx,
                      JsonMapper json, RunMetrics metrics, Router router, Governor governor, Inbox inbox, RunInboxHooks hooks) {
        this.router = router;
        this.governor = governor;
        this.inbox = inbox;
        this.hooks = hooks;
        this.store = store;
        this.channels = channels;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public void start(String runId) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            tx.executeWithoutResult(s -> {
                if (store.transition(id, List.of(RunStatus.QUEUED, RunStatus.WAITING_FOR_HUMAN), RunStatus.RUNNING)) {
                    store.timeline(id, "run.started", null);
                    events.append("run.started", id, run.batchId(), payload(run, Map.of()));
                    audit.append(BOT, "run.started", "run", runId, id, Map.of());
                }
            });
        }
    }

    @Override
    public RoutePolicy.Hop route(String runId, RoutePolicy.Context context) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            RoutePolicy.Hop hop = router.next(run.payerId(), run.purpose().wire(), run.requestedRoute(),
                    channels.options(run.purpose(), run.payerId()), context);
            if (hop.kind() != RoutePolicy.Kind.FAIL) {
                String type = hop.fallback() ? "route.fallback" : "route.chosen";
                tx.executeWithoutResult(s -> {
                    store.timeline(id, type, "route=" + hop.route() + " reason=" + hop.reason());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("route", hop.route());
                    if (context.lastRoute() != null) {
                        extra.put("from", context.lastRoute());
                        extra.put("failure_class", context.lastClass().wire());
                        extra.put("code", context.lastCode());
                    }
                    if (hop.taskType() != null) {
                        extra.put("task_type", hop.taskType());
                    }
                    extra.put("reason", hop.reason());
                    events.append(type, id, run.batchId(), payload(run, extra));
                });
            }
            log.info("route hop={} route={}", hop.kind(), hop.route());
            return hop;
        }
    }

    @Override
    public Governor.Permit acquire(String runId, String route, int asked) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            Lane lane = channels.get(route).map(c -> c.lane(run.purpose(), run.payerId())).orElse(null);
            Governor.Permit permit = governor.acquire(id, run.payerId(), lane, "portal".equals(route) ? PORTAL_HOLD : CALL_HOLD, asked);
            if (asked == 0 && permit.reason() != null) {
                tx.executeWithoutResult(s -> {
                    store.timeline(id, "run.throttled", "route=" + route + " wait_ms=" + permit.waitMillis() + " reason=" + permit.reason());
                    events.append("run.throttled", id, run.batchId(), payload(run, Map.of("route", route, "wait_ms", permit.waitMillis())));
                });
            }
            return permit;
        }
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
            tx.executeWithoutResult(s -> {
                store.recordAttempt(id, route);
                store.timeline(id, "run.attempted", "route=" + route + " attempt=" + attempt + (tried > 1 ? " try=" + tried : ""));
            });
            governor.holdAll(id, Instant.now().plus(ATTEMPT_HOLD)); // the lease outlives this attempt's own time limit
            Object input = json.treeToValue(run.input(), run.purpose().inputType());
            UUID task = breakpointId == null ? null : UUID.fromString(breakpointId);
            String humanInput = task == null ? null : inbox.answer(task).map(a -> json.readTree(a).asString()).orElse(null);
            ChannelOutcome outcome;
            try (AttemptHeartbeat heartbeat = AttemptHeartbeat.start(activity, heartbeats)) {
                outcome = channel.execute(new ChannelCall(id, run.purpose(), run.payerId(), input, attempt, humanInput, heartbeat));
            }
            if (task != null) {
                inbox.forget(task); // a code is good once
            }
            if (outcome instanceof ChannelOutcome.Transient failed) {
                outcome = retryOrGiveUp(run, route, tried, maxAttempts(activity.getInfo().getRetryOptions(), channel), failed);
            }
            if (!(outcome instanceof ChannelOutcome.NeedsHuman)) {
                governor.release(id); // the credential is free for the next run
            }
            if (outcome instanceof ChannelOutcome.Answered answered) {
                complete(run, route, answered.result(), channel); // settled with it: a later attempt asks anew
                return new Attempt(Attempt.Kind.ANSWERED, null, null, null, null, 0, null);
            }
            if (outcome instanceof ChannelOutcome.NeedsHuman human) {
                Duration deadline = human.deadline() == null ? DEFAULT_HUMAN_DEADLINE : human.deadline();
                return new Attempt(Attempt.Kind.NEEDS_HUMAN, null, null, human.kind().wire(), human.prompt(), deadline.toSeconds(), null);
            }
            if (outcome instanceof ChannelOutcome.Unavailable unavailable) {
                FailureClass failure = FailureClass.ofUnavailable(unavailable.code());
                tx.executeWithoutResult(s -> {
                    store.timeline(id, "run.route.unavailable", "route=" + route + " code=" + unavailable.code() + " class=" + failure.wire());
                    events.append("run.route.unavailable", id, run.batchId(),
                            payload(run, Map.of("route", route, "code", unavailable.code(), "failure_class", failure.wire())));
                    channel.settle(id);
                });
                return new Attempt(Attempt.Kind.UNAVAILABLE, unavailable.code(), unavailable.reason(), null, null, 0, failure.name());
            }
            ChannelOutcome.Rejected rejected = (ChannelOutcome.Rejected) outcome;
            tx.executeWithoutResult(s -> {
                if (rejected.result() != null) {
                    // the refusal's typed result (AAA errors, coverage not_found) is kept as the run's output
                    store.recordOutput(id, route, rejected.result());
                }
                store.timeline(id, "run.route.rejected", "route=" + route + " code=" + rejected.code() + " class=data");
                channel.settle(id);
            });
            return new Attempt(Attempt.Kind.REJECTED, rejected.code(), rejected.reason(), null, null, 0, FailureClass.DATA.name());
        }
    }

    /**
     * A transient failure of one attempt: written to the run's timeline, then thrown for Temporal to retry under the
     * channel's {@link AttemptPolicy} — after the delay the other side asked for, when it asked. On the policy's last
     * attempt it becomes {@link ChannelOutcome.Unavailable}, so the routing policy moves on.
     */
    private ChannelOutcome retryOrGiveUp(RunStore.RunRow run, String route, int tried, int maxAttempts, ChannelOutcome.Transient failed) {
        boolean more = tried < maxAttempts;
        tx.executeWithoutResult(s -> store.timeline(run.runId(), "run.attempt.failed", "route=" + route + " try=" + tried
                + " code=" + failed.code() + (more ? " then=retry" : " then=give_up")
                + (more && failed.retryAfter() != null ? " retry_after_ms=" + failed.retryAfter().toMillis() : "")
                + " reason=" + failed.reason()));
        log.info("attempt failed route={} try={} code={} retry={}", route, tried, failed.code(), more);
        if (!more) {
            return new ChannelOutcome.Unavailable(failed.code(), failed.reason());
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
        return stated != null && stated.getMaximumAttempts() > 0 ? stated.getMaximumAttempts() : channel.attemptPolicy().maxAttempts();
    }

    @Override
    public Task openTask(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            Task task = tx.execute(s -> {
                Inbox.Opened opened = inbox.open(id, run.batchId(), type, run.payerId(), run.purpose().wire(), route, reasonCode,
                        prompt, windowSeconds > 0 ? Duration.ofSeconds(windowSeconds) : null);
                if (opened.created()) {
                    store.recordHumanTouch(id);
                }
                if (store.transition(id, List.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.WAITING_FOR_HUMAN)) {
                    store.timeline(id, "breakpoint." + type + ".requested", prompt);
                    events.append("breakpoint." + type + ".requested", id, run.batchId(), payload(run, Map.of(
                            "breakpoint", type, "breakpoint_id", opened.id().toString(), "prompt", prompt == null ? "" : prompt,
                            "due_at", opened.dueAt().toString())));
                    audit.append(BOT, "breakpoint." + type + ".requested", "run", runId, id, Map.of("breakpoint_id", opened.id().toString()));
                }
                return new Task(opened.id().toString(), opened.dueAt().toEpochMilli());
            });
            // a run parked at a portal keeps its login (and so its credential) until the task is due, and a little more
            governor.holdAll(id, java.time.Instant.ofEpochMilli(task.dueAtMillis()).plus(PORTAL_HOLD));
            return task;
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
            tx.executeWithoutResult(s -> {
                inbox.consume(task);
                if ("correct".equals(state.action())) {
                    inbox.answer(task).ifPresent(patch -> {
                        JsonNode corrected = hooks.corrected(run, json.readTree(patch));
                        store.amendInput(id, corrected);
                        store.timeline(id, "run.input.corrected", "fields=" + String.join(",", RunInboxHooks.fields(json.readTree(patch))));
                        audit.append(BOT, "run.input.corrected", "run", runId, id, Map.of("breakpoint_id", breakpointId,
                                "fields", RunInboxHooks.fields(json.readTree(patch))));
                    });
                    inbox.forget(task);
                }
                if (!"fail".equals(state.action()) && store.transition(id, List.of(RunStatus.WAITING_FOR_HUMAN), RunStatus.RUNNING)) {
                    store.timeline(id, "breakpoint." + state.type() + ".resolved", "action=" + state.action());
                    events.append("breakpoint." + state.type() + ".resolved", id, run.batchId(), payload(run, Map.of("breakpoint_id", breakpointId,
                            "action", state.action())));
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
                complete(run, "human", hooks.result(run.purpose(), json.readTree(value)));
                inbox.forget(task);
            } else {
                Class<?> type = run.purpose() == Purpose.ELIGIBILITY ? EligibilityResult.class : ClaimStatusResult.class;
                Object result = json.treeToValue(run.output(), type);
                complete(run, run.route(), result);
            }
        }
    }

    private void complete(RunStore.RunRow run, String route, Object result) {
        complete(run, route, result, null);
    }

    /** Completes the run; {@code answered} (when given) settles the channel's request in the same transaction. */
    private void complete(RunStore.RunRow run, String route, Object result, Channel answered) {
        UUID id = run.runId();
        boolean changed = Boolean.TRUE.equals(tx.execute(s -> {
            if (answered != null) {
                answered.settle(id);
            }
            if (!store.transition(id, List.of(RunStatus.RUNNING), RunStatus.SUCCEEDED)) {
                return false;
            }
            store.recordOutput(id, route, result);
            store.timeline(id, "run.succeeded", "route=" + route);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("route", route);
            summary(result, extra);
            events.append("run.succeeded", id, run.batchId(), payload(run, extra));
            audit.append(BOT, "run.succeeded", "run", id.toString(), id, Map.of("route", route));
            return true;
        }));
        governor.release(id);
        if (changed) {
            metrics.finished(run.purpose(), run.payerId(), route, "succeeded", run.humanTouches() > 0,
                    Duration.between(run.createdAt(), Instant.now()));
            log.info("run succeeded route={}", route);
        }
    }

    /** Non-PHI facts of a result worth putting on the event (coverage status, claim count). */
    private static void summary(Object result, Map<String, Object> extra) {
        if (result instanceof EligibilityResult e && e.coverageStatus() != null) {
            extra.put("coverage_status", e.coverageStatus().wire());
        } else if (result instanceof ClaimStatusResult c && c.claims() != null) {
            extra.put("claims", c.claims().size());
        }
    }

    @Override
    public void fail(String runId, String code, String message, boolean retryable) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            boolean changed = Boolean.TRUE.equals(tx.execute(s -> {
                if (!store.transition(id, List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.WAITING_FOR_HUMAN), RunStatus.FAILED)) {
                    return false;
                }
                store.recordError(id, new RunView.RunError(code, message, retryable));
                inbox.cancelOpen(id, run.batchId(), "run failed: " + code);
                store.timeline(id, "run.failed", "code=" + code);
                events.append("run.failed", id, run.batchId(), payload(run, Map.of("code", code, "retryable", retryable)));
                audit.append(BOT, "run.failed", "run", runId, id, Map.of("code", code));
                return true;
            }));
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

    private static Map<String, Object> payload(RunStore.RunRow run, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", run.purpose().wire());
        payload.put("payer_id", run.payerId());
        payload.putAll(extra);
        return payload;
    }
}

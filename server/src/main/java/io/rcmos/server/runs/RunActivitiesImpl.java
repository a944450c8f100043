package io.rcmos.server.runs;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.opentelemetry.api.trace.Span;
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

/** The run workflow's side effects against PostgreSQL, the outbox, the audit chain and the channels. */
@Component
class RunActivitiesImpl implements RunActivities {

    private static final Logger log = LoggerFactory.getLogger(RunActivitiesImpl.class);
    private static final Actor BOT = Actor.bot("run-workflow");
    private static final Duration DEFAULT_HUMAN_DEADLINE = Duration.ofMinutes(15);

    private final RunStore store;
    private final Channels channels;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final RunMetrics metrics;

    RunActivitiesImpl(RunStore store, Channels channels, Events events, AuditLog audit, TransactionTemplate tx,
                      JsonMapper json, RunMetrics metrics) {
        this.store = store;
        this.channels = channels;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public List<String> start(String runId) {
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
            List<String> plan = channels.plan(run.requestedRoute(), run.purpose(), run.payerId());
            log.info("run started plan={}", plan);
            return plan;
        }
    }

    @Override
    public Attempt attempt(String runId, String route, int attempt, String humanInput) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            if (run.status() == RunStatus.SUCCEEDED) {
                // a retry of an attempt whose completion already committed
                return new Attempt(Attempt.Kind.ANSWERED, null, null, null, null, 0);
            }
            Channel channel = channels.get(route).orElseThrow(() ->
                    ApplicationFailure.newNonRetryableFailure("no channel for route " + route, "route_unavailable"));
            tx.executeWithoutResult(s -> {
                store.recordAttempt(id, route);
                store.timeline(id, "run.attempted", "route=" + route + " attempt=" + attempt);
            });
            Object input = json.treeToValue(run.input(), run.purpose().inputType());
            ChannelOutcome outcome = channel.execute(new ChannelCall(id, run.purpose(), run.payerId(), input, attempt, humanInput));
            if (outcome instanceof ChannelOutcome.Answered answered) {
                complete(run, route, answered.result());
                return new Attempt(Attempt.Kind.ANSWERED, null, null, null, null, 0);
            }
            if (outcome instanceof ChannelOutcome.NeedsHuman human) {
                Duration deadline = human.deadline() == null ? DEFAULT_HUMAN_DEADLINE : human.deadline();
                return new Attempt(Attempt.Kind.NEEDS_HUMAN, null, null, human.kind().wire(), human.prompt(), deadline.toSeconds());
            }
            if (outcome instanceof ChannelOutcome.Unavailable unavailable) {
                tx.executeWithoutResult(s -> {
                    store.timeline(id, "run.route.unavailable", "route=" + route + " code=" + unavailable.code());
                    events.append("run.route.unavailable", id, run.batchId(),
                            payload(run, Map.of("route", route, "code", unavailable.code())));
                });
                return new Attempt(Attempt.Kind.UNAVAILABLE, unavailable.code(), unavailable.reason(), null, null, 0);
            }
            ChannelOutcome.Rejected rejected = (ChannelOutcome.Rejected) outcome;
            if (rejected.result() != null) {
                // the refusal's typed result (AAA errors, coverage not_found) is kept as the run's output
                tx.executeWithoutResult(s -> store.recordOutput(id, route, rejected.result()));
            }
            return new Attempt(Attempt.Kind.REJECTED, rejected.code(), rejected.reason(), null, null, 0);
        }
    }

    private void complete(RunStore.RunRow run, String route, Object result) {
        UUID id = run.runId();
        boolean changed = Boolean.TRUE.equals(tx.execute(s -> {
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
        if (changed) {
            metrics.finished(run.purpose(), run.payerId(), route, "succeeded", Duration.between(run.createdAt(), Instant.now()));
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
    public void awaitHuman(String runId, String breakpoint, String prompt, long dueAtEpochMillis) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            tx.executeWithoutResult(s -> {
                if (store.transition(id, List.of(RunStatus.RUNNING), RunStatus.WAITING_FOR_HUMAN)) {
                    store.timeline(id, "breakpoint." + breakpoint + ".requested", prompt);
                    events.append("breakpoint." + breakpoint + ".requested", id, run.batchId(), payload(run, Map.of(
                            "breakpoint", breakpoint, "prompt", prompt == null ? "" : prompt,
                            "due_at", Instant.ofEpochMilli(dueAtEpochMillis).toString())));
                    audit.append(BOT, "breakpoint." + breakpoint + ".requested", "run", runId, id, Map.of());
                }
            });
        }
    }

    @Override
    public void resumeFromHuman(String runId, String breakpoint) {
        UUID id = UUID.fromString(runId);
        try (var ignored = MDC.putCloseable("run_id", runId)) {
            RunStore.RunRow run = row(id);
            tx.executeWithoutResult(s -> {
                if (store.transition(id, List.of(RunStatus.WAITING_FOR_HUMAN), RunStatus.RUNNING)) {
                    store.timeline(id, "breakpoint." + breakpoint + ".resolved", null);
                    events.append("breakpoint." + breakpoint + ".resolved", id, run.batchId(), payload(run, Map.of("breakpoint", breakpoint)));
                }
            });
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
                store.timeline(id, "run.failed", "code=" + code);
                events.append("run.failed", id, run.batchId(), payload(run, Map.of("code", code, "retryable", retryable)));
                audit.append(BOT, "run.failed", "run", runId, id, Map.of("code", code));
                return true;
            }));
            if (changed) {
                metrics.finished(run.purpose(), run.payerId(), run.route(), "failed", Duration.between(run.createdAt(), Instant.now()));
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

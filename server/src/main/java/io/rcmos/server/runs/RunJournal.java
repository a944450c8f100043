package io.rcmos.server.runs;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.events.Events;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The run aggregate's journal: the one writer of the {@code runs}, {@code run_timeline} and {@code idempotency_keys}
 * tables. One method per transition: it checks the states the run may be in, then writes the status, the timeline
 * entry, the outbox event and the audit entry in one transaction (joining the caller's when there is one), so an
 * event exists if and only if its state change committed. A transition asked for in a state that does not allow it
 * changes nothing and says so ({@code false}): that is what makes retried activities harmless.
 *
 * <p>Work another module must do in the same transaction (an inbox task opened or consumed, a channel's request
 * settled) is passed in as {@code alongside} and runs inside it. Events and audit entries carry ids, codes and
 * counts only; never a name, member id or date of birth.
 */
@Component
class RunJournal {

    static final Actor BOT = Actor.bot("run-workflow");

    private final RunStore store;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    RunJournal(RunStore store, Events events, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
    }

    /** What a new run is: the checked request's facts and its idempotency key. */
    record NewRun(UUID runId, Purpose purpose, String payerId, LocalDate businessDate, String requestedRoute, UUID batchId,
                  String key, JsonNode input, Actor actor, UUID rerunOf) {
    }

    /**
     * (none) → {@code queued}: claims the run's idempotency key and records the run, its first timeline entry, the
     * {@code run.created} event and audit entry; false (nothing written) when another run holds the key. A rerun names
     * the run it reruns in each, and the original's timeline says so.
     */
    boolean created(NewRun run) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.claimKey(run.key(), run.runId())) {
                return false;
            }
            store.insert(run.runId(), run.purpose(), run.payerId(), run.businessDate(), run.requestedRoute(), run.batchId(),
                    run.key(), run.input(), run.actor().name(), run.rerunOf());
            store.timeline(run.runId(), "run.created", "route=" + run.requestedRoute() + (run.rerunOf() == null ? "" : " rerun_of=" + run.rerunOf()));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("purpose", run.purpose().wire());
            payload.put("payer_id", run.payerId());
            payload.put("status", RunStatus.QUEUED.wire());
            payload.put("requested_route", run.requestedRoute());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("purpose", run.purpose().wire());
            details.put("payer_id", run.payerId());
            if (run.rerunOf() != null) {
                payload.put("rerun_of", run.rerunOf().toString());
                details.put("rerun_of", run.rerunOf().toString());
                store.timeline(run.rerunOf(), "run.rerun", "rerun=" + run.runId());
            }
            events.append("run.created", run.runId(), run.batchId(), payload);
            audit.append(run.actor(), "run.created", "run", run.runId().toString(), run.runId(), details);
            return true;
        }));
    }

    /** The run's workflow exists (or, after an embedded Temporal lost it, must be started again). */
    void workflowStarted(UUID runId, boolean started) {
        if (started) {
            store.markStarted(runId);
        } else {
            store.markUnstarted(runId);
        }
    }

    /** Many runs' workflows exist (a batch's rows started together): one statement. */
    void workflowsStarted(List<UUID> runIds) {
        if (!runIds.isEmpty()) {
            store.markStarted(runIds);
        }
    }

    /** The routing policy's hop, recorded as {@code route.chosen} or {@code route.fallback} (not a status change). */
    void routed(RunStore.RunRow run, RoutePolicy.Hop hop, RoutePolicy.Context context) {
        if (hop.kind() == RoutePolicy.Kind.FAIL) {
            return;
        }
        String type = hop.fallback() ? "route.fallback" : "route.chosen";
        tx.executeWithoutResult(s -> {
            store.timeline(run.runId(), type, "route=" + hop.route() + " reason=" + hop.reason());
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
            events.append(type, run.runId(), run.batchId(), payload(run, extra));
        });
    }

    /** Governance made the run wait before calling {@code route} (the first time it asked). */
    void throttled(RunStore.RunRow run, String route, Governor.Permit permit) {
        tx.executeWithoutResult(s -> {
            store.timeline(run.runId(), "run.throttled", "route=" + route + " wait_ms=" + permit.waitMillis() + " reason=" + permit.reason());
            events.append("run.throttled", run.runId(), run.batchId(), payload(run, Map.of("route", route, "wait_ms", permit.waitMillis())));
        });
    }

    /** {@code queued}/{@code waiting_for_human} → {@code running}, inside the caller's transaction or a new one. */
    boolean started(RunStore.RunRow run) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.transition(run.runId(), List.of(RunStatus.QUEUED, RunStatus.WAITING_FOR_HUMAN), RunStatus.RUNNING)) {
                return false;
            }
            store.timeline(run.runId(), "run.started", null);
            events.append("run.started", run.runId(), run.batchId(), payload(run, Map.of()));
            audit.append(BOT, "run.started", "run", run.runId().toString(), run.runId(), Map.of());
            return true;
        }));
    }

    /**
     * An attempt begins: the run is started if it was not ({@code run.started}), its attempt counted on {@code route}
     * and written to the timeline ({@code try} counts Temporal's retries of this attempt) — one transaction.
     */
    void attempting(RunStore.RunRow run, String route, int attempt, int tried) {
        tx.executeWithoutResult(s -> {
            if (run.status() == RunStatus.QUEUED) {
                started(run);
            }
            store.recordAttempt(run.runId(), route);
            store.timeline(run.runId(), "run.attempted", "route=" + route + " attempt=" + attempt + (tried > 1 ? " try=" + tried : ""));
        });
    }

    /** One try of an attempt failed transiently: Temporal tries again ({@code more}) or the route is given up. */
    void attemptFailed(RunStore.RunRow run, String route, int tried, ChannelOutcome.Transient failed, boolean more) {
        tx.executeWithoutResult(s -> store.timeline(run.runId(), "run.attempt.failed", "route=" + route + " try=" + tried
                + " code=" + failed.code() + (more ? " then=retry" : " then=give_up")
                + (more && failed.retryAfter() != null ? " retry_after_ms=" + failed.retryAfter().toMillis() : "")
                + " reason=" + failed.reason()));
    }

    /** The route could not answer now; the routing policy moves on. */
    void unavailable(RunStore.RunRow run, String route, ChannelOutcome.Failure failure, Runnable alongside) {
        tx.executeWithoutResult(s -> {
            store.timeline(run.runId(), "run.route.unavailable", "route=" + route + " code=" + failure.code()
                    + " class=" + failure.failureClass().wire());
            events.append("run.route.unavailable", run.runId(), run.batchId(),
                    payload(run, Map.of("route", route, "code", failure.code(), "failure_class", failure.failureClass().wire())));
            alongside.run();
        });
    }

    /** The payer refused the request as given; its typed refusal (AAA errors, coverage not found) is kept as output. */
    void rejected(RunStore.RunRow run, String route, ChannelOutcome.Rejected rejected, Runnable alongside) {
        tx.executeWithoutResult(s -> {
            if (rejected.result() != null) {
                store.recordOutput(run.runId(), route, rejected.result().result());
            }
            store.timeline(run.runId(), "run.route.rejected", "route=" + route + " code=" + rejected.code() + " class=data");
            alongside.run();
        });
    }

    /**
     * {@code running} → {@code succeeded} with {@code result} from {@code route} ({@code human} when a person looked it
     * up). {@code alongside} (the channel settling its request) commits with it whether or not the run changed.
     */
    boolean succeeded(RunStore.RunRow run, String route, Object result, Runnable alongside) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            alongside.run();
            if (!store.transition(run.runId(), List.of(RunStatus.RUNNING), RunStatus.SUCCEEDED)) {
                return false;
            }
            store.recordOutput(run.runId(), route, result);
            store.timeline(run.runId(), "run.succeeded", "route=" + route);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("route", route);
            summary(result, extra);
            events.append("run.succeeded", run.runId(), run.batchId(), payload(run, extra));
            audit.append(BOT, "run.succeeded", "run", run.runId().toString(), run.runId(), Map.of("route", route));
            return true;
        }));
    }

    /** A task a person must answer, opened by {@code open} in this transaction. */
    record Parking(UUID breakpointId, boolean created, String dueAt) {
    }

    /**
     * {@code queued}/{@code running} → {@code waiting_for_human} at a breakpoint of {@code type}: the task is opened
     * (by {@code open}, in this transaction), a new task counts as a human touch.
     */
    Parking parked(RunStore.RunRow run, String type, String prompt, Supplier<Parking> open) {
        return tx.execute(s -> {
            Parking task = open.get();
            if (task.created()) {
                store.recordHumanTouch(run.runId());
            }
            if (store.transition(run.runId(), List.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.WAITING_FOR_HUMAN)) {
                store.timeline(run.runId(), "breakpoint." + type + ".requested", prompt);
                events.append("breakpoint." + type + ".requested", run.runId(), run.batchId(), payload(run, Map.of(
                        "breakpoint", type, "breakpoint_id", task.breakpointId().toString(), "prompt", prompt == null ? "" : prompt,
                        "due_at", task.dueAt())));
                audit.append(BOT, "breakpoint." + type + ".requested", "run", run.runId().toString(), run.runId(),
                        Map.of("breakpoint_id", task.breakpointId().toString()));
            }
            return task;
        });
    }

    /** A person's correction of the run's input (checked by the caller), applied while the run waits. */
    void corrected(RunStore.RunRow run, UUID breakpointId, JsonNode input, List<String> fields) {
        tx.executeWithoutResult(s -> {
            store.amendInput(run.runId(), input);
            store.timeline(run.runId(), "run.input.corrected", "fields=" + String.join(",", fields));
            audit.append(BOT, "run.input.corrected", "run", run.runId().toString(), run.runId(), Map.of("breakpoint_id",
                    breakpointId.toString(), "fields", fields));
        });
    }

    /**
     * {@code waiting_for_human} → {@code running}: the task of {@code type} was resolved with {@code action}.
     * {@code alongside} (the answer consumed, a correction applied) commits with it.
     */
    boolean resumed(RunStore.RunRow run, UUID breakpointId, String type, String action, Runnable alongside) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            alongside.run();
            if ("fail".equals(action) || !store.transition(run.runId(), List.of(RunStatus.WAITING_FOR_HUMAN), RunStatus.RUNNING)) {
                return false;
            }
            store.timeline(run.runId(), "breakpoint." + type + ".resolved", "action=" + action);
            events.append("breakpoint." + type + ".resolved", run.runId(), run.batchId(), payload(run, Map.of("breakpoint_id",
                    breakpointId.toString(), "action", action)));
            return true;
        }));
    }

    /**
     * Any unfinished state → {@code failed} with the error; {@code alongside} (the run's open tasks canceled) commits
     * with it, only when the run changed.
     */
    boolean failed(RunStore.RunRow run, String code, String message, boolean retryable, Runnable alongside) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.transition(run.runId(), List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.WAITING_FOR_HUMAN), RunStatus.FAILED)) {
                return false;
            }
            store.recordError(run.runId(), new RunView.RunError(code, message, retryable));
            alongside.run();
            store.timeline(run.runId(), "run.failed", "code=" + code);
            events.append("run.failed", run.runId(), run.batchId(), payload(run, Map.of("code", code, "retryable", retryable)));
            audit.append(BOT, "run.failed", "run", run.runId().toString(), run.runId(), Map.of("code", code));
            return true;
        }));
    }

    /**
     * A later answer from the channel that gave the output (a 277 announced by webhook after a pending answer):
     * output, timeline, {@code run.updated} event and audit entry, in the caller's transaction when there is one.
     * {@code facts} carry no PHI.
     */
    void updated(RunView run, Object output, String reason, Map<String, Object> facts, Actor actor) {
        tx.executeWithoutResult(s -> {
            store.amendOutput(run.runId(), output);
            store.timeline(run.runId(), "run.updated", reason);
            Map<String, Object> payload = new LinkedHashMap<>(facts);
            payload.put("purpose", run.purpose().wire());
            payload.put("payer_id", run.payerId());
            payload.put("status", run.status().wire());
            payload.put("reason", reason);
            events.append("run.updated", run.runId(), run.batchId(), payload);
            audit.append(actor, "run.updated", "run", run.runId().toString(), run.runId(), Map.of("reason", reason));
        });
    }

    /** Non-PHI facts of a result worth putting on the event (coverage status, claim count). */
    private static void summary(Object result, Map<String, Object> extra) {
        if (result instanceof EligibilityResult e && e.coverageStatus() != null) {
            extra.put("coverage_status", e.coverageStatus().wire());
        } else if (result instanceof ClaimStatusResult c && c.claims() != null) {
            extra.put("claims", c.claims().size());
        }
    }

    private static Map<String, Object> payload(RunStore.RunRow run, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", run.purpose().wire());
        payload.put("payer_id", run.payerId());
        payload.putAll(extra);
        return payload;
    }
}

package io.rcmos.server.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox: tasks a run parked at ({@code breakpoints}), who holds them, when they are due, what was answered — what
 * the controllers and the runs module call. Every change commits with its audit entry and event ({@code inbox.*}), so
 * a console follows live. Answers are validated by type before they are accepted ({@link AnswerRules}), sealed at
 * rest, handed to the run once and then forgotten ({@link SealedAnswers}); audit entries name the action, never the
 * value. The SQL is {@link InboxStore}'s; overdue tasks are the {@link SlaSweep}'s.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final Actor BOT = Actor.bot("inbox");

    private final InboxStore store;
    private final SealedAnswers answers;
    private final AnswerRules rules;
    private final TaskViews views;
    private final QaPolicy qa;
    private final QaReviews qaReviews;
    private final RunWake wake;
    private final TransactionTemplate tx;
    private final Events events;
    private final AuditLog audit;
    private final InboxProperties props;
    private final Clock clock;
    private final MeterRegistry meters;

    Inbox(InboxStore store, SealedAnswers answers, AnswerRules rules, TaskViews views, QaPolicy qa, QaReviews qaReviews,
          RunWake wake, TransactionTemplate tx, Events events, AuditLog audit, InboxProperties props, Clock clock,
          MeterRegistry meters) {
        this.store = store;
        this.answers = answers;
        this.rules = rules;
        this.views = views;
        this.qa = qa;
        this.qaReviews = qaReviews;
        this.wake = wake;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
    }

    /** What the run needs to know about its task: its status and, once resolved, the action taken. */
    public record State(String type, String status, String action) {
    }

    /** A new task for a run, or the run's open one when this is a retried call. */
    public record Opened(UUID id, Instant dueAt, boolean created) {
    }

    /** A person's answer: {@code action}, an optional {@code value} (code, corrected input, result) and note. */
    public record Resolution(String action, JsonNode value, String note) {
    }

    // ------------------------------------------------------------------------------------------------ views

    /** Tasks the caller's roles may see (admins see all), oldest due first. */
    public List<InboxTask> list(TaskFilter filter, Set<String> roles, int limit) {
        return views.shown(store.list(filter, roles, limit));
    }

    public InboxTask get(UUID id) {
        return views.shown(find(id));
    }

    /** A task for someone who may see it: its audience, or an admin ({@code not_in_audience} otherwise). */
    public InboxTask get(UUID id, Set<String> roles) {
        InboxTask task = find(id);
        if (!roles.contains("admin") && task.audience().stream().noneMatch(roles::contains)) {
            throw new TaskProblems.NotInAudience(task.id(), task.audience());
        }
        return views.shown(task);
    }

    private InboxTask find(UUID id) {
        return store.find(id).orElseThrow(() -> new TaskProblems.TaskNotFound(id));
    }

    // ------------------------------------------------------------------------------------------------ from runs

    /**
     * Opens a task for a run parked at a breakpoint. {@code window} is how long the answer stays usable (a portal's
     * MFA code window), or null; the task is due at the earlier of that and the type's SLA. Call inside the caller's
     * transaction when it records more.
     */
    public Opened open(UUID runId, UUID batchId, String type, String payerId, String purpose, String route, String reasonCode,
                       String prompt, Duration window) {
        InboxProperties.TypePolicy policy = props.policy(type);
        if (policy == null) {
            throw new IllegalArgumentException("unknown task type " + type);
        }
        return tx.execute(s -> {
            Optional<Opened> existing = store.openOf(runId);
            if (existing.isPresent()) {
                return existing.get();
            }
            // a run re-attached after a restart meets the breakpoint again: an outcome it has not taken yet is its answer
            Optional<Opened> untaken = store.untaken(runId, type);
            if (untaken.isPresent()) {
                return untaken.get();
            }
            Instant now = clock.instant();
            Instant due = now.plus(policy.sla());
            if (window != null && now.plus(window).isBefore(due)) {
                due = now.plus(window);
            }
            UUID id = UUID.randomUUID();
            store.insert(id, runId, type, payerId, purpose, route, reasonCode, prompt, policy.roles(), now, due);
            Map<String, Object> payload = TaskPayload.of(id, type, payerId, purpose);
            payload.put("due_at", due.toString());
            payload.put("audience", policy.roles());
            if (reasonCode != null) {
                payload.put("reason_code", reasonCode);
            }
            events.append("inbox.created", runId, batchId, payload);
            audit.append(BOT, "inbox.created", "breakpoint", id.toString(), runId, Map.of("type", type));
            Counter.builder("rcm.inbox.tasks.created").description("Inbox tasks opened, by type and payer")
                    .tags("type", type, "payer", payerId).register(meters).increment();
            return new Opened(id, due, true);
        });
    }

    /** The task's status and action, for the run waiting on it. */
    public Optional<State> state(UUID id) {
        return store.state(id);
    }

    /** The answer a person gave (JSON text: a string code, an object), unsealed; empty when none or already used. */
    public Optional<String> answer(UUID id) {
        return answers.answer(id);
    }

    /** The run has taken the task's outcome (it will not be offered again after a restart). */
    public void consume(UUID id) {
        answers.consume(id);
    }

    /** Drops a used answer: an MFA code is good once. */
    public void forget(UUID id) {
        answers.forget(id);
    }

    /** Closes the run's open task when the run ended otherwise (its own deadline, a cancel). */
    public void cancelOpen(UUID runId, UUID batchId, String reason) {
        tx.executeWithoutResult(s -> store.cancelOpen(runId, reason)
                .forEach(t -> events.append("inbox.canceled", runId, batchId, TaskPayload.of(t))));
    }

    // ------------------------------------------------------------------------------------------------ people

    /** Takes a lease on a task so nobody else works it; the holder may claim again to extend it. */
    public InboxTask claim(UUID id, Actor actor, Set<String> roles) {
        return tx.execute(s -> {
            InboxTask current = locked(id);
            checkWorkable(current, actor, roles);
            if (store.neverClaimed(id)) {
                timer("rcm.inbox.time_to_human", "Inbox task opened to first picked up", current.type())
                        .record(Duration.between(current.createdAt(), clock.instant()));
            }
            store.claim(id, actor.name(), props.lease());
            Map<String, Object> payload = TaskPayload.of(current);
            payload.put("assignee", actor.name());
            events.append("inbox.claimed", current.runId(), null, payload);
            audit.append(actor, "inbox.claimed", "breakpoint", id.toString(), current.runId(), Map.of("type", current.type()));
            return get(id);
        });
    }

    /** Gives a claimed task back to the queue. */
    public InboxTask release(UUID id, Actor actor, Set<String> roles) {
        return tx.execute(s -> {
            InboxTask current = locked(id);
            checkWorkable(current, actor, roles);
            store.release(id);
            events.append("inbox.released", current.runId(), null, TaskPayload.of(current));
            audit.append(actor, "inbox.released", "breakpoint", id.toString(), current.runId(), Map.of("type", current.type()));
            return get(id);
        });
    }

    /**
     * Resolves a task: checks the action and value for its type, records who did what and when (never the value),
     * seals the value for the run, samples the task for QA per policy, and wakes the run once committed.
     */
    public InboxTask resolve(UUID id, Resolution resolution, Actor actor, Set<String> roles) {
        InboxTask current = find(id);
        String answer = rules.check(current, resolution);
        InboxTask resolved = tx.execute(s -> {
            InboxTask locked = locked(id);
            checkWorkable(locked, actor, roles);
            store.resolve(id, actor, resolution.action(), resolution.note(), answers.seal(id, answer));
            Map<String, Object> payload = TaskPayload.of(locked);
            payload.put("action", resolution.action());
            events.append("inbox.resolved", locked.runId(), null, payload);
            audit.append(actor, "inbox.resolved", "breakpoint", id.toString(), locked.runId(),
                    Map.of("type", locked.type(), "action", resolution.action()));
            qa.select(id, locked.type(), locked.payerId()).ifPresent(rule -> {
                UUID reviewId = qaReviews.sample(locked, rule, actor);
                Map<String, Object> sampled = TaskPayload.of(locked);
                sampled.put("review_id", reviewId.toString());
                sampled.put("rule", rule);
                events.append("qa.sampled", locked.runId(), null, sampled);
            });
            timer("rcm.inbox.time_in_queue", "Inbox task opened to resolved", locked.type())
                    .record(Duration.between(locked.createdAt(), clock.instant()));
            Counter.builder("rcm.inbox.tasks.resolved").description("Inbox tasks resolved, by type and action")
                    .tags("type", locked.type(), "action", resolution.action()).register(meters).increment();
            wake.afterCommit(locked.runId(), id);
            return get(id);
        });
        log.info("inbox task resolved type={} action={}", resolved.type(), resolution.action());
        return resolved;
    }

    /**
     * Resolves the run's open task of {@code type} on behalf of an endpoint that authorised the caller itself
     * ({@code POST /runs/{id}/mfa}) with the same rules as the inbox: the caller must be in the task's audience, and a
     * claim by someone else still wins. Empty when the run has no such open task.
     */
    public Optional<InboxTask> resolveForRun(UUID runId, String type, Resolution resolution, Actor actor, Set<String> roles) {
        return store.openId(runId, type).map(id -> resolve(id, resolution, actor, roles));
    }

    private InboxTask locked(UUID id) {
        return store.locked(id).orElseThrow(() -> new TaskProblems.TaskNotFound(id));
    }

    private void checkWorkable(InboxTask task, Actor actor, Set<String> roles) {
        if (!task.status().equals("open") && !task.status().equals("claimed")) {
            throw new TaskProblems.TaskClosed(task.id(), task.status());
        }
        if (!roles.contains("admin") && task.audience().stream().noneMatch(roles::contains)) {
            throw new TaskProblems.NotInAudience(task.id(), task.audience());
        }
        boolean leased = task.assignee() != null && task.leaseExpiresAt() != null && task.leaseExpiresAt().isAfter(clock.instant());
        if (leased && !task.assignee().equals(actor.name())) {
            throw new TaskProblems.TaskClaimed(task.id(), task.assignee(), task.leaseExpiresAt());
        }
    }

    private Timer timer(String name, String description, String type) {
        return Timer.builder(name).description(description).tags("type", type).publishPercentileHistogram().register(meters);
    }
}

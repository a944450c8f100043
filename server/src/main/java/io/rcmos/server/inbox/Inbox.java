package io.rcmos.server.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rcmos.server.advice.Advice;
import io.rcmos.server.advice.ErrorAdvice;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.crypto.Aead;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The inbox: tasks a run parked at ({@code breakpoints}), who holds them, when they are due, what was answered.
 * Every change commits with its audit entry and event ({@code inbox.*}), so a console follows live. Answers are
 * validated by type before they are accepted (an MFA code's shape, a corrected input against the run schema), sealed
 * at rest, handed to the run once and then forgotten; audit entries name the action, never the value.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final Actor BOT = Actor.bot("inbox");
    private static final Pattern MFA_CODE = Pattern.compile("[A-Za-z0-9]{4,12}");
    private static final Pattern CAPTCHA = Pattern.compile("[\\p{Alnum} ]{1,64}");

    /** The actions a person may take per task type. */
    static final Map<String, Set<String>> ACTIONS = Map.of(
            "mfa", Set.of("submit", "fail"),
            "captcha", Set.of("submit", "fail"),
            "credentials", Set.of("retry", "fail"),
            "review", Set.of("accept", "correct", "answer", "retry", "fail"));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Events events;
    private final AuditLog audit;
    private final Artifacts artifacts;
    private final InboxProperties props;
    private final Aead aead;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final QaPolicy qa;
    private final ErrorAdvice advice;
    private RunHooks hooks;

    Inbox(JdbcClient jdbc, TransactionTemplate tx, Events events, AuditLog audit, Artifacts artifacts, InboxProperties props,
          Aead aead, JsonMapper json, Clock clock, MeterRegistry meters, ErrorAdvice advice) {
        this.advice = advice;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
        this.artifacts = artifacts;
        this.props = props;
        this.aead = aead;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.qa = new QaPolicy(props.qa());
    }

    /** Set once by the runs module at start-up. */
    public void hooks(RunHooks hooks) {
        this.hooks = hooks;
    }

    // ------------------------------------------------------------------------------------------------ views

    /**
     * A task as the API shows it. {@code evidence} are the run's artifacts with signed, expiring links; {@code advice}
     * says what to do about its {@code reasonCode} (null when the table has none); {@code subject} is the patient in
     * masked form and {@code runStatus} the run's status now.
     */
    public record Task(UUID id, UUID runId, String type, String payerId, String purpose, String route, String reasonCode,
                       String prompt, String status, List<String> audience, int escalationLevel, String assignee,
                       Instant leaseExpiresAt, Instant createdAt, Instant dueAt, Instant resolvedAt, String resolvedBy,
                       String action, List<String> actions, List<Evidence> evidence, Advice advice, Subject subject,
                       String runStatus) {
    }

    /** The patient a task is about, masked: {@code ••••2649} and {@code J.D.}. */
    public record Subject(String memberHint, String nameInitials) {
    }

    public record Evidence(UUID artifactId, String kind, String step, String url, Instant expiresAt) {
    }

    /** What the run needs to know about its task: its status and, once resolved, the action taken. */
    public record State(String type, String status, String action) {
    }

    private static final String COLUMNS = """
            breakpoint_id, run_id, type, payer_id, purpose, route, reason_code, prompt, status, audience, escalation_level,
            assignee, lease_expires_at, created_at, due_at, resolved_at, resolved_by, action""";

    private static Task task(ResultSet rs) throws SQLException {
        UUID runId = rs.getObject("run_id", UUID.class);
        String type = rs.getString("type");
        String[] audience = (String[]) rs.getArray("audience").getArray();
        return new Task(rs.getObject("breakpoint_id", UUID.class), runId, type, rs.getString("payer_id"),
                rs.getString("purpose"), rs.getString("route"), rs.getString("reason_code"), rs.getString("prompt"),
                rs.getString("status"), List.of(audience), rs.getInt("escalation_level"), rs.getString("assignee"),
                instant(rs, "lease_expires_at"), instant(rs, "created_at"), instant(rs, "due_at"), instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("action"), List.copyOf(new java.util.TreeSet<>(ACTIONS.get(type))), List.of(),
                null, null, null);
    }

    /**
     * The tasks as shown: their runs' evidence (signed in one query for the whole page), the runs' status and masked
     * patient (one query), and the advice for each reason code.
     */
    private List<Task> shown(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        List<UUID> runIds = tasks.stream().map(Task::runId).distinct().toList();
        Map<UUID, List<Artifacts.Entry>> served = artifacts == null ? Map.of() : artifacts.listServed(runIds);
        Map<UUID, RunHooks.RunContext> runs = hooks == null ? Map.of() : hooks.context(runIds);
        return tasks.stream().map(t -> {
            RunHooks.RunContext run = runs.get(t.runId());
            return new Task(t.id(), t.runId(), t.type(), t.payerId(), t.purpose(), t.route(), t.reasonCode(),
                    t.prompt(), t.status(), t.audience(), t.escalationLevel(), t.assignee(), t.leaseExpiresAt(), t.createdAt(), t.dueAt(),
                    t.resolvedAt(), t.resolvedBy(), t.action(), t.actions(), served.getOrDefault(t.runId(), List.of()).stream()
                    .map(e -> new Evidence(e.artifactId(), e.kind(), e.step(), e.url(), e.expiresAt())).toList(),
                    advice.of(t.reasonCode()), run == null ? null : new Subject(run.memberHint(), run.nameInitials()),
                    run == null ? null : run.runStatus());
        }).toList();
    }

    public record Filter(String type, String payerId, List<String> statuses, UUID runId) {
    }

    /** Tasks the caller's roles may see (admins see all), oldest due first. */
    public List<Task> list(Filter filter, Set<String> roles, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from breakpoints where status = any (?)");
        List<Object> params = new ArrayList<>();
        params.add(filter.statuses().toArray(String[]::new));
        if (filter.type() != null) {
            sql.append(" and type = ?");
            params.add(filter.type());
        }
        if (filter.payerId() != null) {
            sql.append(" and payer_id = ?");
            params.add(filter.payerId());
        }
        if (filter.runId() != null) {
            sql.append(" and run_id = ?");
            params.add(filter.runId());
        }
        if (!roles.contains("admin")) {
            sql.append(" and audience && ?::text[]");
            params.add(roles.toArray(String[]::new));
        }
        sql.append(" order by due_at, breakpoint_id limit ?");
        params.add(limit);
        return shown(jdbc.sql(sql.toString()).params(params).query((rs, n) -> task(rs)).list());
    }

    public Task get(UUID id) {
        return shown(List.of(find(id))).get(0);
    }

    /** A task for someone who may see it: its audience, or an admin ({@code not_in_audience} otherwise). */
    public Task get(UUID id, Set<String> roles) {
        Task task = find(id);
        if (!roles.contains("admin") && task.audience().stream().noneMatch(roles::contains)) {
            throw new NotInAudience(task.id(), task.audience());
        }
        return shown(List.of(task)).get(0);
    }

    private Task find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> task(rs)).optional().orElseThrow(() -> new TaskNotFound(id));
    }

    // ------------------------------------------------------------------------------------------------ from runs

    /** A new task for a run, or the run's open one when this is a retried call. */
    public record Opened(UUID id, Instant dueAt, boolean created) {
    }

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
            Optional<Opened> existing = jdbc.sql("""
                            select breakpoint_id, due_at from breakpoints where run_id = ? and status in ('open', 'claimed')""")
                    .param(runId).query((rs, n) -> new Opened(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), false))
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            // a run re-attached after a restart meets the breakpoint again: an outcome it has not taken yet is its answer
            Optional<Opened> untaken = jdbc.sql("""
                            select breakpoint_id, due_at from breakpoints
                            where run_id = ? and type = ? and status in ('resolved', 'expired') and consumed_at is null
                            order by resolved_at desc limit 1""")
                    .params(runId, type).query((rs, n) -> new Opened(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), false))
                    .optional();
            if (untaken.isPresent()) {
                return untaken.get();
            }
            Instant now = clock.instant();
            Instant due = now.plus(policy.sla());
            if (window != null && now.plus(window).isBefore(due)) {
                due = now.plus(window);
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into breakpoints (breakpoint_id, run_id, type, payer_id, purpose, route, reason_code, prompt, status,
                                                     audience, created_at, due_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)""")
                    .params(id, runId, type, payerId, purpose, route, reasonCode, prompt == null ? "" : prompt,
                            policy.roles().toArray(String[]::new), Timestamp.from(now), Timestamp.from(due))
                    .update();
            Map<String, Object> payload = payload(id, type, payerId, purpose);
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
        return jdbc.sql("select type, status, action from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> new State(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The answer a person gave (JSON text: a string code, an object), unsealed; empty when none or already used. */
    public Optional<String> answer(UUID id) {
        return jdbc.sql("select answer, run_id from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> {
                    byte[] sealed = rs.getBytes(1);
                    return sealed == null ? null : new String(aead.open(id.toString(), sealed), StandardCharsets.UTF_8);
                }).optional();
    }

    /** The run has taken the task's outcome (it will not be offered again after a restart). */
    public void consume(UUID id) {
        jdbc.sql("update breakpoints set consumed_at = coalesce(consumed_at, now()) where breakpoint_id = ?").param(id).update();
    }

    /** Drops a used answer: an MFA code is good once. */
    public void forget(UUID id) {
        jdbc.sql("update breakpoints set answer = null where breakpoint_id = ? and answer is not null").param(id).update();
    }

    /** Closes the run's open task when the run ended otherwise (its own deadline, a cancel). */
    public void cancelOpen(UUID runId, UUID batchId, String reason) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                        update breakpoints set status = 'canceled', resolved_at = now(), note = ?, assignee = null, lease_expires_at = null,
                               consumed_at = now()
                        where run_id = ? and status in ('open', 'claimed') returning breakpoint_id, type, payer_id, purpose""")
                .params(reason, runId)
                .query((rs, n) -> payload(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list()
                .forEach(p -> events.append("inbox.canceled", runId, batchId, p)));
    }

    // ------------------------------------------------------------------------------------------------ people

    /** Takes a lease on a task so nobody else works it; the holder may claim again to extend it. */
    public Task claim(UUID id, Actor actor, Set<String> roles) {
        Task claimed = tx.execute(s -> {
            Task current = locked(id);
            checkWorkable(current, actor, roles);
            if (Boolean.TRUE.equals(jdbc.sql("select first_claimed_at is null from breakpoints where breakpoint_id = ?").param(id)
                    .query(Boolean.class).single())) {
                timer("rcm.inbox.time_to_human", "Inbox task opened to first picked up", current.type())
                        .record(Duration.between(current.createdAt(), clock.instant()));
            }
            jdbc.sql("""
                            update breakpoints set status = 'claimed', assignee = ?, lease_expires_at = now() + ?::interval,
                                   first_claimed_at = coalesce(first_claimed_at, now())
                            where breakpoint_id = ?""")
                    .params(actor.name(), props.lease().toMillis() + " milliseconds", id).update();
            Map<String, Object> payload = payload(id, current.type(), current.payerId(), current.purpose());
            payload.put("assignee", actor.name());
            events.append("inbox.claimed", current.runId(), null, payload);
            audit.append(actor, "inbox.claimed", "breakpoint", id.toString(), current.runId(), Map.of("type", current.type()));
            return get(id);
        });
        return claimed;
    }

    /** Gives a claimed task back to the queue. */
    public Task release(UUID id, Actor actor, Set<String> roles) {
        return tx.execute(s -> {
            Task current = locked(id);
            checkWorkable(current, actor, roles);
            jdbc.sql("update breakpoints set status = 'open', assignee = null, lease_expires_at = null where breakpoint_id = ?")
                    .param(id).update();
            events.append("inbox.released", current.runId(), null, payload(id, current.type(), current.payerId(), current.purpose()));
            audit.append(actor, "inbox.released", "breakpoint", id.toString(), current.runId(), Map.of("type", current.type()));
            return get(id);
        });
    }

    /** A person's answer: {@code action}, an optional {@code value} (code, corrected input, result) and note. */
    public record Resolution(String action, JsonNode value, String note) {
    }

    /**
     * Resolves a task: checks the action and value for its type, records who did what and when (never the value),
     * seals the value for the run, samples the task for QA per policy, and wakes the run once committed.
     */
    public Task resolve(UUID id, Resolution resolution, Actor actor, Set<String> roles) {
        Task current = find(id);
        String sealedValue = checkAnswer(current, resolution);
        Task resolved = tx.execute(s -> {
            Task locked = locked(id);
            checkWorkable(locked, actor, roles);
            byte[] sealed = sealedValue == null ? null : aead.seal(id.toString(), sealedValue.getBytes(StandardCharsets.UTF_8));
            jdbc.sql("""
                            update breakpoints set status = 'resolved', resolved_at = now(), resolved_by = ?, resolved_person = ?,
                                   action = ?, note = ?, answer = ?, assignee = ?, lease_expires_at = null,
                                   first_claimed_at = coalesce(first_claimed_at, now())
                            where breakpoint_id = ?""")
                    .params(actor.name(), actor.person(), resolution.action(), resolution.note(), sealed, actor.name(), id).update();
            Map<String, Object> payload = payload(id, locked.type(), locked.payerId(), locked.purpose());
            payload.put("action", resolution.action());
            events.append("inbox.resolved", locked.runId(), null, payload);
            audit.append(actor, "inbox.resolved", "breakpoint", id.toString(), locked.runId(),
                    Map.of("type", locked.type(), "action", resolution.action()));
            qa.select(id, locked.type(), locked.payerId()).ifPresent(rule -> {
                UUID reviewId = UUID.randomUUID();
                jdbc.sql("""
                                insert into qa_reviews (review_id, breakpoint_id, run_id, type, payer_id, rule, status, resolved_by, resolved_person)
                                values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                        .params(reviewId, id, locked.runId(), locked.type(), locked.payerId(), rule, actor.name(), actor.person()).update();
                Map<String, Object> sampled = payload(id, locked.type(), locked.payerId(), locked.purpose());
                sampled.put("review_id", reviewId.toString());
                sampled.put("rule", rule);
                events.append("qa.sampled", locked.runId(), null, sampled);
            });
            timer("rcm.inbox.time_in_queue", "Inbox task opened to resolved", locked.type())
                    .record(Duration.between(locked.createdAt(), clock.instant()));
            Counter.builder("rcm.inbox.tasks.resolved").description("Inbox tasks resolved, by type and action")
                    .tags("type", locked.type(), "action", resolution.action()).register(meters).increment();
            afterCommit(() -> wake(locked.runId(), id));
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
    public Optional<Task> resolveForRun(UUID runId, String type, Resolution resolution, Actor actor, Set<String> roles) {
        Optional<UUID> open = jdbc.sql("select breakpoint_id from breakpoints where run_id = ? and type = ? and status in ('open', 'claimed')")
                .params(runId, type).query(UUID.class).optional();
        return open.map(id -> resolve(id, resolution, actor, roles));
    }

    /** Validates the action and value for the task's type; returns the JSON text to seal, or null. */
    private String checkAnswer(Task task, Resolution r) {
        Set<String> allowed = ACTIONS.get(task.type());
        if (r.action() == null || !allowed.contains(r.action())) {
            throw new AnswerInvalid(FieldProblem.of("action", "must be one of " + new java.util.TreeSet<>(allowed) + " for a " + task.type() + " task"));
        }
        if (r.note() != null && r.note().length() > 2000) {
            throw new AnswerInvalid(FieldProblem.of("note", "must be at most 2000 characters"));
        }
        JsonNode value = r.value();
        boolean hasValue = value != null && !value.isNull();
        switch (task.type() + ":" + r.action()) {
            case "mfa:submit" -> {
                if (!hasValue || !value.isString() || !MFA_CODE.matcher(value.asString().trim()).matches()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be the code: 4 to 12 letters or digits"));
                }
                return json.writeValueAsString(value.asString().trim());
            }
            case "captcha:submit" -> {
                if (!hasValue || !value.isString() || !CAPTCHA.matcher(value.asString().trim()).matches()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be the text shown: 1 to 64 letters, digits or spaces"));
                }
                return json.writeValueAsString(value.asString().trim());
            }
            case "review:correct", "review:answer" -> {
                if (!hasValue || !value.isObject()) {
                    throw new AnswerInvalid(FieldProblem.of("value", "correct".equals(r.action())
                            ? "must be an object with the corrected input fields (e.g. {\"subscriber\": {\"member_id\": …}})"
                            : "must be the result looked up, as an object of the run's result schema"));
                }
                hooks.check(task.runId(), r.action(), value);
                return json.writeValueAsString(value);
            }
            case "review:accept" -> {
                hooks.check(task.runId(), r.action(), null);
                return null;
            }
            default -> {
                if (hasValue) {
                    throw new AnswerInvalid(FieldProblem.of("value", "must be left out for " + r.action()));
                }
                return null;
            }
        }
    }

    private Task locked(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from breakpoints where breakpoint_id = ? for update").param(id)
                .query((rs, n) -> task(rs)).optional().orElseThrow(() -> new TaskNotFound(id));
    }

    private void checkWorkable(Task task, Actor actor, Set<String> roles) {
        if (!task.status().equals("open") && !task.status().equals("claimed")) {
            throw new TaskClosed(task.id(), task.status());
        }
        if (!roles.contains("admin") && task.audience().stream().noneMatch(roles::contains)) {
            throw new NotInAudience(task.id(), task.audience());
        }
        boolean leased = task.assignee() != null && task.leaseExpiresAt() != null && task.leaseExpiresAt().isAfter(clock.instant());
        if (leased && !task.assignee().equals(actor.name())) {
            throw new TaskClaimed(task.id(), task.assignee(), task.leaseExpiresAt());
        }
    }

    // ------------------------------------------------------------------------------------------------ SLAs

    /**
     * Handles every task past its due time: a {@code breakpoint.sla_breached} event and metric, then per type either
     * a re-queue to the wider audience (claim dropped, due again in one SLA; once) or the task expires and its run is
     * woken to fail with {@code human_sla_breached}. Safe with several processes (rows are skipped when locked).
     */
    public int sweep() {
        List<UUID[]> toWake = new ArrayList<>();
        Integer handled = tx.execute(s -> {
            List<Task> breached = jdbc.sql("select " + COLUMNS + """
                             from breakpoints where status in ('open', 'claimed') and due_at < ?
                            order by due_at limit 200 for update skip locked""")
                    .param(Timestamp.from(clock.instant()))
                    .query((rs, n) -> task(rs)).list();
            for (Task t : breached) {
                InboxProperties.TypePolicy policy = props.policy(t.type());
                boolean requeue = "requeue".equals(policy.escalation()) && t.escalationLevel() == 0;
                Map<String, Object> payload = payload(t.id(), t.type(), t.payerId(), t.purpose());
                payload.put("due_at", t.dueAt().toString());
                payload.put("escalation_level", t.escalationLevel());
                payload.put("escalation", requeue ? "requeue" : "fail");
                events.append("breakpoint.sla_breached", t.runId(), null, payload);
                Counter.builder("rcm.inbox.sla.breached").description("Inbox tasks past their SLA, by type and payer")
                        .tags("type", t.type(), "payer", t.payerId()).register(meters).increment();
                if (requeue) {
                    Set<String> wider = new LinkedHashSet<>(t.audience());
                    wider.addAll(props.escalationRoles());
                    Instant due = clock.instant().plus(policy.sla());
                    jdbc.sql("""
                                    update breakpoints set status = 'open', assignee = null, lease_expires_at = null, audience = ?,
                                           escalation_level = escalation_level + 1, due_at = ?, sla_breached_at = now()
                                    where breakpoint_id = ?""")
                            .params(wider.toArray(String[]::new), Timestamp.from(due), t.id()).update();
                    Map<String, Object> escalated = payload(t.id(), t.type(), t.payerId(), t.purpose());
                    escalated.put("audience", List.copyOf(wider));
                    escalated.put("due_at", due.toString());
                    events.append("inbox.escalated", t.runId(), null, escalated);
                    audit.append(BOT, "inbox.escalated", "breakpoint", t.id().toString(), t.runId(),
                            Map.of("type", t.type(), "audience", List.copyOf(wider)));
                } else {
                    jdbc.sql("""
                                    update breakpoints set status = 'expired', resolved_at = now(), assignee = null,
                                           lease_expires_at = null, sla_breached_at = now()
                                    where breakpoint_id = ?""").param(t.id()).update();
                    audit.append(BOT, "inbox.expired", "breakpoint", t.id().toString(), t.runId(), Map.of("type", t.type()));
                    toWake.add(new UUID[]{t.runId(), t.id()});
                }
            }
            return breached.size();
        });
        toWake.forEach(w -> wake(w[0], w[1]));
        return handled == null ? 0 : handled;
    }

    private io.micrometer.core.instrument.Timer timer(String name, String description, String type) {
        return io.micrometer.core.instrument.Timer.builder(name).description(description).tags("type", type)
                .publishPercentileHistogram().register(meters);
    }

    private void wake(UUID runId, UUID breakpointId) {
        try {
            hooks.wake(runId, breakpointId);
        } catch (RuntimeException e) {
            // the run also checks its task on a timer: a lost wake-up only delays it
            log.warn("run not woken for its task: {}", e.getClass().getSimpleName());
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static Map<String, Object> payload(UUID id, String type, String payerId, String purpose) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("breakpoint_id", id.toString());
        payload.put("type", type);
        payload.put("payer_id", payerId);
        payload.put("purpose", purpose);
        return payload;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    // ------------------------------------------------------------------------------------------------ problems

    static final class TaskNotFound extends ApiProblem {
        TaskNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "task_not_found", "no inbox task " + id);
        }
    }

    static final class TaskClosed extends ApiProblem {
        TaskClosed(UUID id, String status) {
            super(HttpStatus.CONFLICT, "task_closed", "inbox task " + id + " is " + status + ", not open");
        }
    }

    static final class TaskClaimed extends ApiProblem {
        TaskClaimed(UUID id, String holder, Instant until) {
            super(HttpStatus.CONFLICT, "task_claimed", "inbox task " + id + " is claimed by " + holder + " until " + until);
        }
    }

    static final class NotInAudience extends ApiProblem {
        NotInAudience(UUID id, List<String> audience) {
            super(HttpStatus.FORBIDDEN, "not_in_audience", "inbox task " + id + " is worked by " + audience);
        }
    }

    /** An answer that does not fit the task. */
    public static final class AnswerInvalid extends ApiProblem {
        public AnswerInvalid(FieldProblem problem) {
            super(HttpStatus.BAD_REQUEST, "answer_invalid", "the answer is invalid: " + problem.field() + " " + problem.message(),
                    List.of(problem));
        }

        public AnswerInvalid(String detail, List<FieldProblem> problems) {
            super(HttpStatus.BAD_REQUEST, "answer_invalid", detail, problems);
        }
    }
}

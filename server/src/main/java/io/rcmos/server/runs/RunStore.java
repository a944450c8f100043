package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The one place that knows the {@code runs}, {@code run_timeline} and {@code idempotency_keys} tables. */
@Component
class RunStore {

    private static final String SUMMARY_COLUMNS = """
            run_id, purpose, payer_id, batch_id, status, route, attempts, created_at, updated_at, finished_at, error, rerun_of,
            case when status = 'succeeded' then output ->> 'source' end as source,
            input #>> '{subscriber,member_id}' as member_id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Claims an idempotency key for a new run; false when another run holds it (waits for a concurrent claimer). */
    boolean claimKey(String key, UUID runId) {
        return jdbc.sql("insert into idempotency_keys (key, run_id) values (?, ?) on conflict (key) do nothing")
                .params(key, runId).update() == 1;
    }

    Optional<UUID> runIdForKey(String key) {
        return jdbc.sql("select run_id from idempotency_keys where key = ?").param(key).query(UUID.class).optional();
    }

    /**
     * Whether runs of {@code businessDate} may carry an unkeyed idempotency key: those created before the keys were
     * HMAC'd (migration V11) were asked about business dates up to the one it recorded; none can come after it.
     */
    boolean mayHoldUnkeyedKeys(LocalDate businessDate) {
        Optional<LocalDate> until = unkeyedUntil;
        if (until == null) {
            until = jdbc.sql("select business_date from idempotency_unkeyed_until").query(LocalDate.class).optional();
            unkeyedUntil = until;
        }
        return until.isPresent() && !businessDate.isAfter(until.get());
    }

    /** Read once: migration V11 wrote it and nothing changes it. */
    private volatile Optional<LocalDate> unkeyedUntil;

    void insert(UUID runId, Purpose purpose, String payerId, LocalDate businessDate, String requestedRoute, UUID batchId,
                String key, JsonNode input, String createdBy, UUID rerunOf) {
        jdbc.sql("""
                        insert into runs (run_id, purpose, payer_id, business_date, requested_route, status, batch_id,
                                          idempotency_key, input, created_by, rerun_of)
                        values (?, ?, ?, ?, ?, 'queued', ?, ?, ?::jsonb, ?, ?)""")
                .params(runId, purpose.wire(), payerId, businessDate, requestedRoute, batchId, key,
                        json.writeValueAsString(input), createdBy, rerunOf)
                .update();
    }

    /** A rerun of a run: its id, and whether it was created within the window asked about (by the database's clock). */
    record Rerun(UUID runId, boolean recent) {
    }

    /**
     * The reruns of a run so far, newest first. Locks the original's row first, so concurrent reruns of one run are
     * decided one after the other (each sees the ones committed before it).
     */
    List<Rerun> rerunsForUpdate(UUID original, java.time.Duration window) {
        jdbc.sql("select run_id from runs where run_id = ? for update").param(original).query(UUID.class).optional();
        return jdbc.sql("""
                        select run_id, created_at > now() - make_interval(secs => ?) from runs
                        where rerun_of = ? order by created_at desc, run_id desc""")
                .params(window.toMillis() / 1000.0, original)
                .query((rs, n) -> new Rerun(rs.getObject(1, UUID.class), rs.getBoolean(2))).list();
    }

    /** The rerun of {@code original} made for batch {@code batchId}, if one was. */
    Optional<UUID> rerunInBatch(UUID original, UUID batchId) {
        return jdbc.sql("select run_id from runs where rerun_of = ? and batch_id = ? order by created_at limit 1")
                .params(original, batchId).query(UUID.class).optional();
    }

    boolean exists(UUID runId) {
        return jdbc.sql("select exists (select 1 from runs where run_id = ?)").param(runId).query(Boolean.class).single();
    }

    void timeline(UUID runId, String type, String detail) {
        jdbc.sql("insert into run_timeline (run_id, type, detail) values (?, ?, ?)").params(runId, type, detail).update();
    }

    /** The facts the workflow's activities need about a run. */
    record RunRow(UUID runId, Purpose purpose, String payerId, String requestedRoute, RunStatus status, String route,
                  int attempts, Instant createdAt, UUID batchId, JsonNode input, JsonNode output, int humanTouches) {
    }

    Optional<RunRow> row(UUID runId) {
        return jdbc.sql("""
                        select run_id, purpose, payer_id, requested_route, status, route, attempts, created_at, batch_id, input,
                               output, human_touches
                        from runs where run_id = ?""")
                .param(runId)
                .query((rs, n) -> new RunRow(rs.getObject(1, UUID.class), Purpose.fromWire(rs.getString(2)).orElseThrow(),
                        rs.getString(3), rs.getString(4), RunStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getInt(7),
                        rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class), json.readTree(rs.getString(10)),
                        rs.getString(11) == null ? null : json.readTree(rs.getString(11)), rs.getInt(12)))
                .optional();
    }

    /**
     * Moves a run to {@code to} if it is in one of {@code from}; false (and nothing changed) otherwise, which is
     * what makes retried activities harmless.
     */
    boolean transition(UUID runId, List<RunStatus> from, RunStatus to) {
        String[] states = from.stream().map(RunStatus::wire).toArray(String[]::new);
        return jdbc.sql("""
                        update runs set status = ?, updated_at = now(),
                               started_at = case when ? = 'running' and started_at is null then now() else started_at end,
                               finished_at = case when ? in ('succeeded', 'failed', 'canceled') then now() else finished_at end
                        where run_id = ? and status = any (?)""")
                .params(to.wire(), to.wire(), to.wire(), runId, states)
                .update() == 1;
    }

    /** A person was brought in: counted per run, with the first time, for the exit metrics. */
    void recordHumanTouch(UUID runId) {
        jdbc.sql("update runs set human_touches = human_touches + 1, first_human_at = coalesce(first_human_at, now()) where run_id = ?")
                .param(runId).update();
    }

    /** A corrected input (validated by the caller); the idempotency key stays the original question's. */
    void amendInput(UUID runId, JsonNode input) {
        jdbc.sql("update runs set input = ?::jsonb, updated_at = now() where run_id = ?")
                .params(json.writeValueAsString(input), runId).update();
    }

    void recordAttempt(UUID runId, String route) {
        jdbc.sql("update runs set attempts = attempts + 1, route = ?, updated_at = now() where run_id = ?")
                .params(route, runId).update();
    }

    void recordOutput(UUID runId, String route, Object output) {
        jdbc.sql("update runs set output = ?::jsonb, route = ? where run_id = ?")
                .params(json.writeValueAsString(output), route, runId).update();
    }

    /** A later answer for a finished run (route unchanged); false when the run does not exist. */
    boolean amendOutput(UUID runId, Object output) {
        return jdbc.sql("update runs set output = ?::jsonb, updated_at = now() where run_id = ?")
                .params(json.writeValueAsString(output), runId).update() == 1;
    }

    /** What a batch export needs of its runs, in one query per page. */
    Map<UUID, RunService.Outcome> outcomes(Collection<UUID> runIds) {
        Map<UUID, RunService.Outcome> out = new java.util.HashMap<>();
        jdbc.sql("select run_id, status, route, output, error from runs where run_id = any (?)")
                .param(runIds.toArray(UUID[]::new))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), new RunService.Outcome(rs.getObject(1, UUID.class),
                        RunStatus.fromWire(rs.getString(2)), rs.getString(3), tree(rs.getString(4)), error(rs.getString(5)))))
                .list();
        return out;
    }

    /** The statuses of many runs at once (absent ids are left out): what a batch follows its runs by. */
    Map<UUID, RunStatus> statuses(Collection<UUID> runIds) {
        Map<UUID, RunStatus> out = new java.util.HashMap<>();
        jdbc.sql("select run_id, status from runs where run_id = any (?)")
                .param(runIds.toArray(UUID[]::new))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), RunStatus.fromWire(rs.getString(2))))
                .list();
        return out;
    }

    /** Stores the error's code, message and retryable flag (advice is looked up when the run is read). */
    void recordError(UUID runId, RunView.RunError error) {
        Map<String, Object> stored = new java.util.LinkedHashMap<>();
        stored.put("code", error.code());
        stored.put("message", error.message());
        stored.put("retryable", error.retryable());
        jdbc.sql("update runs set error = ?::jsonb where run_id = ?").params(json.writeValueAsString(stored), runId).update();
    }

    Optional<RunView> view(UUID runId) {
        return jdbc.sql("""
                        select run_id, purpose, payer_id, batch_id, status, route, requested_route, attempts, business_date,
                               idempotency_key, created_at, updated_at, finished_at, input, output, error, rerun_of
                        from runs where run_id = ?""")
                .param(runId)
                .query((rs, n) -> new RunView(
                        rs.getObject("run_id", UUID.class),
                        Purpose.fromWire(rs.getString("purpose")).orElseThrow(),
                        rs.getString("payer_id"),
                        rs.getObject("batch_id", UUID.class),
                        RunStatus.fromWire(rs.getString("status")),
                        rs.getString("route"),
                        rs.getString("requested_route"),
                        rs.getInt("attempts"),
                        rs.getObject("business_date", LocalDate.class),
                        rs.getString("idempotency_key"),
                        instant(rs, "created_at"),
                        instant(rs, "updated_at"),
                        duration(rs),
                        tree(rs.getString("input")),
                        tree(rs.getString("output")),
                        error(rs.getString("error")),
                        rs.getObject("rerun_of", UUID.class),
                        List.of(),
                        false,
                        List.of()))
                .optional()
                .map(v -> new RunView(v.runId(), v.purpose(), v.payerId(), v.batchId(), v.status(), v.route(), v.requestedRoute(),
                        v.attempts(), v.businessDate(), v.idempotencyKey(), v.createdAt(), v.updatedAt(), v.durationMs(),
                        v.input(), v.output(), v.error(), v.rerunOf(), reruns(runId), false, timeline(runId)));
    }

    private List<UUID> reruns(UUID runId) {
        return jdbc.sql("select run_id from runs where rerun_of = ? order by created_at, run_id").param(runId).query(UUID.class).list();
    }

    /** What an inbox task shows of its run: the run's status and masked patient context. */
    record Subject(RunStatus status, String memberHint, String nameInitials) {
    }

    /**
     * The subjects of many runs in one query. The patient is the dependent when there is one, else the subscriber;
     * the member id is always the subscriber's (a dependent is found under it).
     */
    Map<UUID, Subject> subjects(java.util.Collection<UUID> runIds) {
        Map<UUID, Subject> out = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select run_id, status, input #>> '{subscriber,member_id}',
                               coalesce(input #>> '{dependent,first_name}', input #>> '{subscriber,first_name}'),
                               coalesce(input #>> '{dependent,last_name}', input #>> '{subscriber,last_name}')
                        from runs where run_id = any (?)""")
                .param(runIds.toArray(UUID[]::new))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), new Subject(RunStatus.fromWire(rs.getString(2)),
                        Masked.memberHint(rs.getString(3)), Masked.initials(rs.getString(4), rs.getString(5)))))
                .list();
        return out;
    }

    private List<RunView.TimelineEntry> timeline(UUID runId) {
        return jdbc.sql("select ts, type, detail from run_timeline where run_id = ? order by id")
                .param(runId)
                .query((rs, n) -> new RunView.TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * Filters of {@code GET /runs}; null means any. {@code source} is who answered a succeeded run; {@code from}
     * (inclusive) and {@code to} (exclusive) bound {@code created_at}.
     */
    record ListFilter(RunStatus status, String payerId, Purpose purpose, UUID batchId, String source, Instant from, Instant to) {

        ListFilter(RunStatus status, String payerId, Purpose purpose, UUID batchId) {
            this(status, payerId, purpose, batchId, null, null, null);
        }
    }

    /** Newest first, keyset-paged on (created_at, run_id). */
    List<RunSummary> list(ListFilter filter, RunCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + SUMMARY_COLUMNS + " from runs where true");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" and status = ?");
            params.add(filter.status().wire());
        }
        if (filter.payerId() != null) {
            sql.append(" and payer_id = ?");
            params.add(filter.payerId());
        }
        if (filter.purpose() != null) {
            sql.append(" and purpose = ?");
            params.add(filter.purpose().wire());
        }
        if (filter.batchId() != null) {
            sql.append(" and batch_id = ?");
            params.add(filter.batchId());
        }
        if (filter.source() != null) {
            sql.append(" and status = 'succeeded' and output ->> 'source' = ?");
            params.add(filter.source());
        }
        if (filter.from() != null) {
            sql.append(" and created_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and created_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (after != null) {
            sql.append(" and (created_at, run_id) < (?, ?)");
            params.add(Timestamp.from(after.createdAt()));
            params.add(after.runId());
        }
        sql.append(" order by created_at desc, run_id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> summary(rs)).list();
    }

    private RunSummary summary(ResultSet rs) throws SQLException {
        return new RunSummary(rs.getObject("run_id", UUID.class), Purpose.fromWire(rs.getString("purpose")).orElseThrow(),
                rs.getString("payer_id"), rs.getObject("batch_id", UUID.class), RunStatus.fromWire(rs.getString("status")),
                rs.getString("route"), rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "updated_at"),
                duration(rs), error(rs.getString("error")), rs.getString("source"), rs.getObject("rerun_of", UUID.class),
                Masked.memberHint(rs.getString("member_id")));
    }

    /** Runs accepted but whose workflow has not been started (crash between commit and start, or start failure). */
    List<UUID> unstarted(int limit) {
        return jdbc.sql("""
                        select run_id from runs where workflow_started = false and created_at < now() - interval '2 seconds'
                        order by created_at limit ?""")
                .param(limit).query(UUID.class).list();
    }

    void markStarted(UUID runId) {
        jdbc.sql("update runs set workflow_started = true where run_id = ?").param(runId).update();
    }

    void markStarted(Collection<UUID> runIds) {
        jdbc.sql("update runs set workflow_started = true where run_id = any (?)").param(runIds.toArray(UUID[]::new)).update();
    }

    void markUnstarted(UUID runId) {
        jdbc.sql("update runs set workflow_started = false where run_id = ?").param(runId).update();
    }

    /** Runs not yet finished, for re-attaching workflows after an embedded Temporal server lost its memory. */
    List<UUID> unfinished() {
        return jdbc.sql("select run_id from runs where status in ('queued', 'running', 'waiting_for_human') and workflow_started")
                .query(UUID.class).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Long duration(ResultSet rs) throws SQLException {
        Instant created = instant(rs, "created_at");
        Instant finished = instant(rs, "finished_at");
        return (finished == null ? Instant.now() : finished).toEpochMilli() - created.toEpochMilli();
    }

    private JsonNode tree(String value) {
        return value == null ? null : json.readTree(value);
    }

    private RunView.RunError error(String value) {
        return value == null ? null : json.readValue(value, RunView.RunError.class);
    }
}

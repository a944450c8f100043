package io.rcmos.server.inbox;

import io.rcmos.server.audit.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place with SQL on inbox tasks ({@code breakpoints}): rows in, rows out. No events, audit or rules: the
 * {@link Inbox} facade and the {@link SlaSweep} decide, within their own transactions, and call this.
 */
final class InboxStore implements SealedAnswers.Storage {

    private static final String COLUMNS = """
            breakpoint_id, run_id, type, payer_id, purpose, route, reason_code, prompt, status, audience, escalation_level,
            assignee, lease_expires_at, created_at, due_at, resolved_at, resolved_by, action""";

    private final JdbcClient jdbc;

    InboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Tasks matching the filter that the roles may see (admins see all), oldest due first. */
    List<InboxTask> list(TaskFilter filter, Set<String> roles, int limit) {
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
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> task(rs)).list();
    }

    Optional<InboxTask> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> task(rs)).optional();
    }

    /** The task, its row locked until the transaction ends. */
    Optional<InboxTask> locked(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from breakpoints where breakpoint_id = ? for update").param(id)
                .query((rs, n) -> task(rs)).optional();
    }

    Optional<Inbox.State> state(UUID id) {
        return jdbc.sql("select type, status, action from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> new Inbox.State(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The run's open (or claimed) task. */
    Optional<Inbox.Opened> openOf(UUID runId) {
        return jdbc.sql("""
                        select breakpoint_id, due_at from breakpoints where run_id = ? and status in ('open', 'claimed')""")
                .param(runId).query((rs, n) -> new Inbox.Opened(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), false))
                .optional();
    }

    /** The run's latest closed task of {@code type} whose outcome the run has not taken yet. */
    Optional<Inbox.Opened> untaken(UUID runId, String type) {
        return jdbc.sql("""
                        select breakpoint_id, due_at from breakpoints
                        where run_id = ? and type = ? and status in ('resolved', 'expired') and consumed_at is null
                        order by resolved_at desc limit 1""")
                .params(runId, type).query((rs, n) -> new Inbox.Opened(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), false))
                .optional();
    }

    /** The id of the run's open (or claimed) task of {@code type}. */
    Optional<UUID> openId(UUID runId, String type) {
        return jdbc.sql("select breakpoint_id from breakpoints where run_id = ? and type = ? and status in ('open', 'claimed')")
                .params(runId, type).query(UUID.class).optional();
    }

    /** Whether nobody has picked the task up yet. */
    boolean neverClaimed(UUID id) {
        return Boolean.TRUE.equals(jdbc.sql("select first_claimed_at is null from breakpoints where breakpoint_id = ?").param(id)
                .query(Boolean.class).single());
    }

    /** Open and claimed tasks past {@code now}, at most 200, locked; rows locked elsewhere are skipped. */
    List<InboxTask> breached(Instant now) {
        return jdbc.sql("select " + COLUMNS + """
                         from breakpoints where status in ('open', 'claimed') and due_at < ?
                        order by due_at limit 200 for update skip locked""")
                .param(Timestamp.from(now))
                .query((rs, n) -> task(rs)).list();
    }

    // ------------------------------------------------------------------------------------------------ writing

    void insert(UUID id, UUID runId, String type, String payerId, String purpose, String route, String reasonCode, String prompt,
                List<String> audience, Instant createdAt, Instant dueAt) {
        jdbc.sql("""
                        insert into breakpoints (breakpoint_id, run_id, type, payer_id, purpose, route, reason_code, prompt, status,
                                                 audience, created_at, due_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)""")
                .params(id, runId, type, payerId, purpose, route, reasonCode, prompt == null ? "" : prompt,
                        audience.toArray(String[]::new), Timestamp.from(createdAt), Timestamp.from(dueAt))
                .update();
    }

    /** Cancels the run's open task, if any; returns what was canceled. */
    List<InboxTask> cancelOpen(UUID runId, String reason) {
        return jdbc.sql("""
                        update breakpoints set status = 'canceled', resolved_at = now(), note = ?, assignee = null, lease_expires_at = null,
                               consumed_at = now()
                        where run_id = ? and status in ('open', 'claimed') returning\s""" + COLUMNS)
                .params(reason, runId)
                .query((rs, n) -> task(rs))
                .list();
    }

    void claim(UUID id, String assignee, Duration lease) {
        jdbc.sql("""
                        update breakpoints set status = 'claimed', assignee = ?, lease_expires_at = now() + ?::interval,
                               first_claimed_at = coalesce(first_claimed_at, now())
                        where breakpoint_id = ?""")
                .params(assignee, lease.toMillis() + " milliseconds", id).update();
    }

    void release(UUID id) {
        jdbc.sql("update breakpoints set status = 'open', assignee = null, lease_expires_at = null where breakpoint_id = ?")
                .param(id).update();
    }

    /** Records the resolution: who, when, the action, the note and the sealed answer (null when none). */
    void resolve(UUID id, Actor actor, String action, String note, byte[] sealedAnswer) {
        jdbc.sql("""
                        update breakpoints set status = 'resolved', resolved_at = now(), resolved_by = ?, resolved_person = ?,
                               action = ?, note = ?, answer = ?, assignee = ?, lease_expires_at = null,
                               first_claimed_at = coalesce(first_claimed_at, now())
                        where breakpoint_id = ?""")
                .params(actor.name(), actor.person(), action, note, sealedAnswer, actor.name(), id).update();
    }

    /** Back to the queue for a wider audience, one escalation level up, due again at {@code dueAt}. */
    void requeue(UUID id, Collection<String> audience, Instant dueAt) {
        jdbc.sql("""
                        update breakpoints set status = 'open', assignee = null, lease_expires_at = null, audience = ?,
                               escalation_level = escalation_level + 1, due_at = ?, sla_breached_at = now()
                        where breakpoint_id = ?""")
                .params(audience.toArray(String[]::new), Timestamp.from(dueAt), id).update();
    }

    void expire(UUID id) {
        jdbc.sql("""
                        update breakpoints set status = 'expired', resolved_at = now(), assignee = null,
                               lease_expires_at = null, sla_breached_at = now()
                        where breakpoint_id = ?""").param(id).update();
    }

    // ------------------------------------------------------------------------------------------------ sealed answers

    @Override
    public Optional<byte[]> readAnswer(UUID id) {
        return jdbc.sql("select answer from breakpoints where breakpoint_id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    @Override
    public void markConsumed(UUID id) {
        jdbc.sql("update breakpoints set consumed_at = coalesce(consumed_at, now()) where breakpoint_id = ?").param(id).update();
    }

    @Override
    public void clearAnswer(UUID id) {
        jdbc.sql("update breakpoints set answer = null where breakpoint_id = ? and answer is not null").param(id).update();
    }

    // ------------------------------------------------------------------------------------------------ rows

    private static InboxTask task(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        String[] audience = (String[]) rs.getArray("audience").getArray();
        return new InboxTask(rs.getObject("breakpoint_id", UUID.class), rs.getObject("run_id", UUID.class), type, rs.getString("payer_id"),
                rs.getString("purpose"), rs.getString("route"), rs.getString("reason_code"), rs.getString("prompt"),
                rs.getString("status"), List.of(audience), rs.getInt("escalation_level"), rs.getString("assignee"),
                instant(rs, "lease_expires_at"), instant(rs, "created_at"), instant(rs, "due_at"), instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("action"), AnswerRules.actions(type), List.of(),
                null, null, null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

package io.rcmos.server.inbox;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Second looks at resolved tasks sampled by the QA policy: list them, and record a reviewer's verdict (agree or
 * disagree, with a note). Nobody reviews their own resolution. The one place that writes {@code qa_reviews}.
 */
@Component
public class QaReviews {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Events events;
    private final AuditLog audit;

    QaReviews(JdbcClient jdbc, TransactionTemplate tx, Events events, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.audit = audit;
    }

    public record Review(UUID reviewId, UUID breakpointId, UUID runId, String type, String payerId, String rule, String status,
                         String action, String resolvedBy, Instant resolvedAt, String reviewer, String note, Instant createdAt,
                         Instant reviewedAt) {
    }

    private static final String SELECT = """
            select q.review_id, q.breakpoint_id, q.run_id, q.type, q.payer_id, q.rule, q.status, b.action, q.resolved_by,
                   b.resolved_at, q.reviewer, q.note, q.created_at, q.reviewed_at
            from qa_reviews q join breakpoints b on b.breakpoint_id = q.breakpoint_id""";

    /**
     * Records that a resolved task is sampled for a second look under {@code rule}; returns the review's id. Call
     * inside the resolution's transaction.
     */
    UUID sample(InboxTask task, String rule, Actor resolvedBy) {
        UUID reviewId = UUID.randomUUID();
        jdbc.sql("""
                        insert into qa_reviews (review_id, breakpoint_id, run_id, type, payer_id, rule, status, resolved_by, resolved_person)
                        values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(reviewId, task.id(), task.runId(), task.type(), task.payerId(), rule, resolvedBy.name(), resolvedBy.person())
                .update();
        return reviewId;
    }

    List<Review> list(String status, String payerId, int limit) {
        return jdbc.sql(SELECT + " where q.status = ? and (?::text is null or q.payer_id = ?) order by q.created_at, q.review_id limit ?")
                .params(status, payerId, payerId, limit).query((rs, n) -> review(rs)).list();
    }

    Review verdict(UUID reviewId, String verdict, String note, Actor actor) {
        return tx.execute(s -> {
            Review current = jdbc.sql(SELECT + " where q.review_id = ? for update of q").param(reviewId)
                    .query((rs, n) -> review(rs)).optional().orElseThrow(() -> new ReviewNotFound(reviewId));
            if (!"pending".equals(current.status())) {
                throw new ReviewDone(reviewId, current.status());
            }
            // people, not credentials: the resolver's session and a token they issued are the same person
            String resolver = jdbc.sql("select coalesce(resolved_person, resolved_by) from qa_reviews where review_id = ?")
                    .param(reviewId).query(String.class).single();
            if (actor.person().equals(resolver) || actor.name().equals(current.resolvedBy())) {
                throw new OwnResolution(reviewId);
            }
            String status = "agree".equals(verdict) ? "agreed" : "disagreed";
            jdbc.sql("update qa_reviews set status = ?, reviewer = ?, note = ?, reviewed_at = now() where review_id = ?")
                    .params(status, actor.name(), note, reviewId).update();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("review_id", reviewId.toString());
            payload.put("breakpoint_id", current.breakpointId().toString());
            payload.put("verdict", status);
            payload.put("payer_id", current.payerId());
            events.append("qa.reviewed", current.runId(), null, payload);
            audit.append(actor, "qa.reviewed", "qa_review", reviewId.toString(), current.runId(), Map.of("verdict", status));
            return jdbc.sql(SELECT + " where q.review_id = ?").param(reviewId).query((rs, n) -> review(rs)).single();
        });
    }

    private static Review review(ResultSet rs) throws SQLException {
        return new Review(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                rs.getString(11), rs.getString(12), instant(rs, 13), instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static final class ReviewNotFound extends ApiProblem {
        ReviewNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "review_not_found", "no QA review " + id);
        }
    }

    static final class ReviewDone extends ApiProblem {
        ReviewDone(UUID id, String status) {
            super(HttpStatus.CONFLICT, "review_done", "QA review " + id + " is already " + status);
        }
    }

    static final class OwnResolution extends ApiProblem {
        OwnResolution(UUID id) {
            super(HttpStatus.CONFLICT, "own_resolution", "QA review " + id + " is of your own resolution: another reviewer takes it");
        }
    }
}

package io.rcmos.server.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inbox's figures for the exit metrics, per payer and purpose and in total ({@code "*"}), over tasks opened in a
 * window: time to a person (opened → first picked up) and time in the queue (opened → resolved), in milliseconds; and
 * QA second looks over tasks sampled in the window: how many were sampled, reviewed, agreed with and disagreed with.
 */
@Component
public class TaskFigures {

    private final JdbcClient jdbc;

    TaskFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Stats(long count, Double avg, Double p50, Double p95) {
        public static final Stats NONE = new Stats(0, null, null, null);
    }

    /** QA samples: {@code reviewed} = {@code agree} + {@code disagree}; the rest still wait for a reviewer. */
    public record Qa(long sampled, long reviewed, long agree, long disagree) {
        public static final Qa NONE = new Qa(0, 0, 0, 0);
    }

    public record Group(Stats timeToHuman, Stats timeInQueue, Qa qa) {
        public static final Group NONE = new Group(Stats.NONE, Stats.NONE, Qa.NONE);
    }

    public Map<String, Group> groups(Instant from, Instant to) {
        Map<String, Qa> qa = new LinkedHashMap<>();
        jdbc.sql("""
                        select b.payer_id, b.purpose, grouping(b.payer_id, b.purpose), count(*),
                               count(*) filter (where q.status <> 'pending'), count(*) filter (where q.status = 'agreed'),
                               count(*) filter (where q.status = 'disagreed')
                        from qa_reviews q join breakpoints b on b.breakpoint_id = q.breakpoint_id
                        where q.created_at >= ? and q.created_at < ?
                        group by grouping sets ((b.payer_id, b.purpose), ())""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> qa.put(rs.getInt(3) != 0 ? "*" : rs.getString(1) + "|" + rs.getString(2),
                        new Qa(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))))
                .list();
        Map<String, Group> out = new LinkedHashMap<>();
        jdbc.sql("""
                        select payer_id, purpose, grouping(payer_id, purpose),
                               count(to_human), avg(to_human), percentile_cont(0.5) within group (order by to_human),
                               percentile_cont(0.95) within group (order by to_human),
                               count(in_queue), avg(in_queue), percentile_cont(0.5) within group (order by in_queue),
                               percentile_cont(0.95) within group (order by in_queue)
                        from (select payer_id, purpose,
                                     extract(epoch from (first_claimed_at - created_at)) * 1000 as to_human,
                                     case when status = 'resolved' then extract(epoch from (resolved_at - created_at)) * 1000 end as in_queue
                              from breakpoints where created_at >= ? and created_at < ?) b
                        group by grouping sets ((payer_id, purpose), ())""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    String key = rs.getInt(3) != 0 ? "*" : rs.getString(1) + "|" + rs.getString(2);
                    return out.put(key, new Group(new Stats(rs.getLong(4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7)),
                            new Stats(rs.getLong(8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11)), qa.getOrDefault(key, Qa.NONE)));
                })
                .list();
        // samples of tasks opened before the window
        qa.forEach((key, q) -> out.putIfAbsent(key, new Group(Stats.NONE, Stats.NONE, q)));
        return out;
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

package io.rcmos.server.insights;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exit criteria, computed in PostgreSQL over runs created in a window. Definitions (also in the README):
 * <ul>
 *   <li>{@code finished}: runs that succeeded or failed; the rates below are over finished runs;</li>
 *   <li>{@code automation_rate}: succeeded with no human touch (no inbox task) ÷ finished;</li>
 *   <li>{@code human_touch_rate}: finished runs that had at least one inbox task ÷ finished;</li>
 *   <li>{@code duration_ms}: submission to terminal status of finished runs, p50 and p95 (linear interpolation);</li>
 *   <li>{@code time_to_human_ms}: inbox task opened → first picked up (claimed, or resolved without a claim);</li>
 *   <li>{@code time_in_queue_ms}: inbox task opened → resolved;</li>
 *   <li>{@code failures}: failed runs by error code.</li>
 * </ul>
 */
@Component
public class ExitMetrics {

    private final JdbcClient jdbc;

    ExitMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Summary(Instant from, Instant to, Group totals, List<Group> byPayer) {
    }

    public record Group(String payerId, String purpose, long runs, long finished, long succeeded, long failed, long inProgress,
                        long automated, long humanTouched, Double automationRate, Double humanTouchRate, Stats durationMs,
                        Stats timeToHumanMs, Stats timeInQueueMs, Map<String, Long> failures) {
    }

    /** Count, mean, p50 and p95 of a duration in milliseconds (null figures when there is none). */
    public record Stats(long count, Double avg, Double p50, Double p95) {
    }

    public Summary summary(Instant from, Instant to) {
        Map<String, Group> runs = new LinkedHashMap<>();
        jdbc.sql("""
                        select payer_id, purpose, grouping(payer_id, purpose) as total,
                               count(*) as runs,
                               count(*) filter (where status in ('succeeded', 'failed')) as finished,
                               count(*) filter (where status = 'succeeded') as succeeded,
                               count(*) filter (where status = 'failed') as failed,
                               count(*) filter (where status = 'succeeded' and human_touches = 0) as automated,
                               count(*) filter (where status in ('succeeded', 'failed') and human_touches > 0) as touched,
                               avg(ms) filter (where finished_at is not null) as avg_ms,
                               percentile_cont(0.5) within group (order by ms) filter (where finished_at is not null) as p50_ms,
                               percentile_cont(0.95) within group (order by ms) filter (where finished_at is not null) as p95_ms
                        from (select *, extract(epoch from (finished_at - created_at)) * 1000 as ms
                              from runs where created_at >= ? and created_at < ?) r
                        group by grouping sets ((payer_id, purpose), ())
                        order by total desc, payer_id, purpose""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    Group g = runGroup(rs);
                    runs.put(key(g.payerId(), g.purpose()), g);
                    return g;
                }).list();
        Map<String, Stats[]> human = new LinkedHashMap<>();
        jdbc.sql("""
                        select r.payer_id, r.purpose, grouping(r.payer_id, r.purpose),
                               count(*) filter (where b.first_claimed_at is not null),
                               avg(to_human) , percentile_cont(0.5) within group (order by to_human),
                               percentile_cont(0.95) within group (order by to_human),
                               count(*) filter (where b.resolved_at is not null and b.status = 'resolved'),
                               avg(in_queue), percentile_cont(0.5) within group (order by in_queue),
                               percentile_cont(0.95) within group (order by in_queue)
                        from (select *, extract(epoch from (first_claimed_at - created_at)) * 1000 as to_human,
                                     case when status = 'resolved' then extract(epoch from (resolved_at - created_at)) * 1000 end as in_queue
                              from breakpoints) b
                        join runs r on r.run_id = b.run_id
                        where r.created_at >= ? and r.created_at < ?
                        group by grouping sets ((r.payer_id, r.purpose), ())""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> human.put(rs.getInt(3) != 0 ? "*" : key(rs.getString(1), rs.getString(2)), new Stats[]{
                        new Stats(rs.getLong(4), dbl(rs, 5), dbl(rs, 6), dbl(rs, 7)),
                        new Stats(rs.getLong(8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11))}))
                .list();
        Map<String, Map<String, Long>> failures = new LinkedHashMap<>();
        jdbc.sql("""
                        select payer_id, purpose, grouping(payer_id, purpose), coalesce(error ->> 'code', 'unknown'), count(*)
                        from runs where status = 'failed' and created_at >= ? and created_at < ?
                        group by grouping sets ((payer_id, purpose, coalesce(error ->> 'code', 'unknown')), (coalesce(error ->> 'code', 'unknown')))""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> failures.computeIfAbsent(rs.getInt(3) != 0 ? "*" : key(rs.getString(1), rs.getString(2)),
                        k -> new TreeMap<>()).put(rs.getString(4), rs.getLong(5)))
                .list();
        Stats none = new Stats(0, null, null, null);
        Group totals = null;
        List<Group> byPayer = new ArrayList<>();
        for (Map.Entry<String, Group> e : runs.entrySet()) {
            Group g = e.getValue();
            String k = g.payerId() == null ? "*" : e.getKey();
            Stats[] h = human.getOrDefault(k, new Stats[]{none, none});
            Group full = new Group(g.payerId(), g.purpose(), g.runs(), g.finished(), g.succeeded(), g.failed(), g.inProgress(),
                    g.automated(), g.humanTouched(), g.automationRate(), g.humanTouchRate(), g.durationMs(), h[0], h[1],
                    failures.getOrDefault(k, Map.of()));
            if (g.payerId() == null) {
                totals = full;
            } else {
                byPayer.add(full);
            }
        }
        if (totals == null) {
            totals = new Group(null, null, 0, 0, 0, 0, 0, 0, 0, null, null, none, none, none, Map.of());
        }
        return new Summary(from, to, totals, byPayer);
    }

    private static Group runGroup(ResultSet rs) throws SQLException {
        boolean total = rs.getInt("total") != 0;
        long runs = rs.getLong("runs");
        long finished = rs.getLong("finished");
        long automated = rs.getLong("automated");
        long touched = rs.getLong("touched");
        return new Group(total ? null : rs.getString("payer_id"), total ? null : rs.getString("purpose"), runs, finished,
                rs.getLong("succeeded"), rs.getLong("failed"), runs - finished, automated, touched,
                finished == 0 ? null : automated / (double) finished, finished == 0 ? null : touched / (double) finished,
                new Stats(finished, dbl(rs, "avg_ms"), dbl(rs, "p50_ms"), dbl(rs, "p95_ms")), null, null, null);
    }

    private static String key(String payerId, String purpose) {
        return payerId + "|" + purpose;
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

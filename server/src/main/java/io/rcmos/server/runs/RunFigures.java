package io.rcmos.server.runs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runs module's figures for the exit metrics, per payer and purpose and in total (key {@code null|null}), over
 * runs created in a window: counts by outcome, human touch, duration percentiles (PostgreSQL's percentile_cont),
 * failures by error code.
 */
@Component
public class RunFigures {

    private final JdbcClient jdbc;

    RunFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One group's figures. Durations are of finished runs, submission to terminal status, in milliseconds. */
    public record Group(String payerId, String purpose, long runs, long finished, long succeeded, long failed, long automated,
                        long humanTouched, Double avgMs, Double p50Ms, Double p95Ms, Map<String, Long> failures) {
    }

    /** Groups by {@code payer_id|purpose}; the total is under {@code "*"}. */
    public Map<String, Group> groups(Instant from, Instant to) {
        Map<String, Map<String, Long>> failures = new LinkedHashMap<>();
        jdbc.sql("""
                        select payer_id, purpose, grouping(payer_id, purpose), coalesce(error ->> 'code', 'unknown'), count(*)
                        from runs where status = 'failed' and created_at >= ? and created_at < ?
                        group by grouping sets ((payer_id, purpose, coalesce(error ->> 'code', 'unknown')), (coalesce(error ->> 'code', 'unknown')))""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> failures.computeIfAbsent(rs.getInt(3) != 0 ? "*" : rs.getString(1) + "|" + rs.getString(2),
                        k -> new TreeMap<>()).put(rs.getString(4), rs.getLong(5)))
                .list();
        Map<String, Group> out = new LinkedHashMap<>();
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
                    boolean total = rs.getInt("total") != 0;
                    String key = total ? "*" : rs.getString("payer_id") + "|" + rs.getString("purpose");
                    out.put(key, new Group(total ? null : rs.getString("payer_id"), total ? null : rs.getString("purpose"),
                            rs.getLong("runs"), rs.getLong("finished"), rs.getLong("succeeded"), rs.getLong("failed"),
                            rs.getLong("automated"), rs.getLong("touched"), dbl(rs, "avg_ms"), dbl(rs, "p50_ms"), dbl(rs, "p95_ms"),
                            failures.getOrDefault(key, Map.of())));
                    return key;
                }).list();
        return out;
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

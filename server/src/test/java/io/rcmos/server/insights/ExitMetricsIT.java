package io.rcmos.server.insights;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import io.rcmos.server.support.TestChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /metrics/summary} against a recomputation in Java from the runs and breakpoints tables: automated,
 * human-touched, failed-by-code runs of two payers, compared figure by figure.
 */
class ExitMetricsIT extends IntegrationTest {

    private static final String PAYER_A = "MXA" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
    private static final String PAYER_B = "MXB" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        resetFlags(PAYER_B);
    }

    private static String member(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theSummaryEqualsARecomputationFromTheRunsTable() {
        Instant from = Instant.now().minusMillis(1);
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        withoutHumanFallback(PAYER_B);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(runs.submit(Runs.eligibility(PAYER_A, "test", member("OK"), "Ann", "Lee", "1990-01-01")));
        }
        for (int i = 0; i < 2; i++) {
            ids.add(runs.submit(Runs.eligibility(PAYER_B, "test", member("OK"), "Ann", "Lee", "1990-01-01")));
            ids.add(runs.submit(Runs.eligibility(PAYER_B, "test", member("REJECT"), "Ann", "Lee", "1990-01-01")));
        }
        ids.add(runs.submit(Runs.eligibility(PAYER_B, "test", member("DOWN"), "Ann", "Lee", "1990-01-01")));
        List<String> mfa = List.of(runs.submit(Runs.eligibility(PAYER_A, "test", member("MFA"), "Ann", "Lee", "1990-01-01")),
                runs.submit(Runs.eligibility(PAYER_A, "test", member("MFA"), "Ann", "Lee", "1990-01-01")));
        Http operator = http(Role.OPERATOR);
        for (String id : mfa) {
            runs.awaitStatus(id, "waiting_for_human");
            String task = operator.get("/inbox?run_id=" + id).json().get("items").get(0).get("id").asString();
            operator.postJson("/inbox/" + task + "/claim", "{}");
            assertThat(operator.postJson("/inbox/" + task + "/resolve", "{\"action\": \"submit\", \"value\": \"" + TestChannel.VALID_CODE + "\"}")
                    .status()).isEqualTo(200);
        }
        ids.addAll(mfa);
        for (String id : ids) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> List.of("succeeded", "failed").contains(runs.get(id).get("status").asString()));
        }
        Instant to = Instant.now().plusSeconds(1);

        JsonNode summary = http(Role.VIEWER).get("/metrics/summary?from=" + from + "&to=" + to).json();
        Map<String, JsonNode> byPayer = new TreeMap<>();
        summary.get("by_payer").forEach(g -> byPayer.put(g.get("payer_id").asString(), g));
        assertThat(byPayer).containsKeys(PAYER_A, PAYER_B);

        for (String payer : List.of(PAYER_A, PAYER_B)) {
            JsonNode g = byPayer.get(payer);
            List<Row> rows = jdbc.sql("""
                            select status, human_touches, error ->> 'code', extract(epoch from (finished_at - created_at)) * 1000
                            from runs where payer_id = ? and created_at >= ? and created_at < ?""")
                    .params(payer, Timestamp.from(from), Timestamp.from(to))
                    .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4))).list();
            List<Row> finished = rows.stream().filter(r -> !r.status().equals("queued") && !r.status().equals("running")
                    && !r.status().equals("waiting_for_human")).toList();
            long automated = finished.stream().filter(r -> r.status().equals("succeeded") && r.touches() == 0).count();
            long touched = finished.stream().filter(r -> r.touches() > 0).count();
            assertThat(g.get("runs").asLong()).isEqualTo(rows.size());
            assertThat(g.get("finished").asLong()).isEqualTo(finished.size());
            assertThat(g.get("succeeded").asLong()).isEqualTo(finished.stream().filter(r -> r.status().equals("succeeded")).count());
            assertThat(g.get("failed").asLong()).isEqualTo(finished.stream().filter(r -> r.status().equals("failed")).count());
            assertThat(g.get("automation_rate").asDouble()).isCloseTo(automated / (double) finished.size(), within(1e-9));
            assertThat(g.get("human_touch_rate").asDouble()).isCloseTo(touched / (double) finished.size(), within(1e-9));
            List<Double> durations = finished.stream().map(Row::ms).sorted(Comparator.naturalOrder()).toList();
            assertThat(g.get("duration_ms").get("p95").asDouble()).isCloseTo(percentile(durations, 0.95), within(1e-6));
            assertThat(g.get("duration_ms").get("p50").asDouble()).isCloseTo(percentile(durations, 0.50), within(1e-6));
            Map<String, Long> failures = finished.stream().filter(r -> r.status().equals("failed"))
                    .collect(Collectors.groupingBy(Row::code, TreeMap::new, Collectors.counting()));
            Map<String, Long> reported = new TreeMap<>();
            g.get("failures").properties().forEach(e -> reported.put(e.getKey(), e.getValue().asLong()));
            assertThat(reported).isEqualTo(failures);

            List<Double[]> tasks = jdbc.sql("""
                            select extract(epoch from (b.first_claimed_at - b.created_at)) * 1000,
                                   extract(epoch from (b.resolved_at - b.created_at)) * 1000
                            from breakpoints b join runs r on r.run_id = b.run_id
                            where r.payer_id = ? and r.created_at >= ? and r.created_at < ? and b.status = 'resolved'""")
                    .params(payer, Timestamp.from(from), Timestamp.from(to))
                    .query((rs, n) -> new Double[]{rs.getDouble(1), rs.getDouble(2)}).list();
            assertThat(g.get("time_in_queue_ms").get("count").asLong()).isEqualTo(tasks.size());
            if (!tasks.isEmpty()) {
                List<Double> inQueue = tasks.stream().map(t -> t[1]).sorted().toList();
                List<Double> toHuman = tasks.stream().map(t -> t[0]).sorted().toList();
                assertThat(g.get("time_in_queue_ms").get("p95").asDouble()).isCloseTo(percentile(inQueue, 0.95), within(1e-6));
                assertThat(g.get("time_to_human_ms").get("p95").asDouble()).isCloseTo(percentile(toHuman, 0.95), within(1e-6));
            }
        }
        // the figures this scenario was built to produce
        assertThat(byPayer.get(PAYER_A).get("automation_rate").asDouble()).isCloseTo(4 / 6.0, within(1e-9));
        assertThat(byPayer.get(PAYER_A).get("human_touch_rate").asDouble()).isCloseTo(2 / 6.0, within(1e-9));
        assertThat(byPayer.get(PAYER_B).get("failures").get("invalid_member_id").asLong()).isEqualTo(2);
        assertThat(byPayer.get(PAYER_B).get("failures").get("no_channel_answered").asLong()).isEqualTo(1);
        assertThat(summary.get("totals").get("runs").asLong()).isGreaterThanOrEqualTo(11);

        assertThat(http(Role.VIEWER).get("/metrics/summary?from=yesterday").json().get("errors").get(0).get("field").asString())
                .isEqualTo("from");
        assertThat(http(Role.VIEWER).get("/metrics").body()).contains("rcm_runs_total").contains("touch=\"human\"");
    }

    private record Row(String status, int touches, String code, double ms) {
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
    private static double percentile(List<Double> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }
}

package io.rcmos.server.insights;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The QA counts and staff time saved of {@code GET /metrics/summary}, from known data and against the tables. */
class QaAndTimeSavedIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void qaCountsAndStaffTimeSavedEqualWhatTheTablesSay() {
        Instant from = Instant.now().minusMillis(1);
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        // QA_PAYER: every review task is sampled; two checks need nobody, three go to review and a person ends them
        List<String> automated = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            automated.add(runs.submit(Runs.eligibility(QA_PAYER, "test", "OK" + UUID.randomUUID().toString().substring(0, 8), "Ann", "Lee", "1990-01-01")));
        }
        List<String> tasks = new ArrayList<>();
        Http resolver = person("resolver-" + UUID.randomUUID(), Role.REVIEWER);
        for (int i = 0; i < 3; i++) {
            String runId = runs.submit(Runs.eligibility(QA_PAYER, "test", "REJECT" + UUID.randomUUID().toString().substring(0, 6), "Ann", "Lee", "1990-01-01"));
            runs.awaitStatus(runId, "waiting_for_human");
            String task = jdbc.sql("select breakpoint_id::text from breakpoints where run_id = ?::uuid").param(runId).query(String.class).single();
            assertThat(resolver.postJson("/inbox/" + task + "/resolve", "{\"action\": \"fail\"}").status()).isEqualTo(200);
            runs.awaitStatus(runId, "failed");
            tasks.add(task);
        }
        automated.forEach(id -> runs.awaitStatus(id, "succeeded"));
        Http second = person("second-" + UUID.randomUUID(), Role.REVIEWER);
        List<String> reviews = tasks.stream().map(t -> jdbc.sql("select review_id::text from qa_reviews where breakpoint_id = ?::uuid")
                .param(t).query(String.class).single()).toList();
        assertThat(second.postJson("/qa/reviews/" + reviews.get(0), "{\"verdict\": \"agree\"}").status()).isEqualTo(200);
        assertThat(second.postJson("/qa/reviews/" + reviews.get(1), "{\"verdict\": \"disagree\", \"note\": \"call the payer\"}").status())
                .isEqualTo(200);
        Instant to = Instant.now().plusSeconds(1);

        JsonNode summary = http(Role.VIEWER).get("/metrics/summary?from=" + from + "&to=" + to).json();
        assertThat(summary.get("minutes_per_manual_check").asDouble()).isEqualTo(6.0);
        JsonNode group = summary.get("by_payer").valueStream()
                .filter(g -> g.get("payer_id").asString().equals(QA_PAYER) && g.get("purpose").asString().equals("eligibility"))
                .findFirst().orElseThrow();
        // the scenario's own figures
        assertThat(group.get("qa").get("sampled").asLong()).isEqualTo(3);
        assertThat(group.get("qa").get("reviewed").asLong()).isEqualTo(2);
        assertThat(group.get("qa").get("agree").asLong()).isEqualTo(1);
        assertThat(group.get("qa").get("disagree").asLong()).isEqualTo(1);
        assertThat(group.get("automated").asLong()).isEqualTo(2);
        assertThat(group.get("staff_minutes_saved").asDouble()).isEqualTo(12.0);

        // and what the tables say, for the group and in total
        String qa = """
                select count(*), count(*) filter (where q.status <> 'pending'), count(*) filter (where q.status = 'agreed'),
                       count(*) filter (where q.status = 'disagreed')
                from qa_reviews q join breakpoints b on b.breakpoint_id = q.breakpoint_id
                where q.created_at >= ? and q.created_at < ?""";
        List<Long> total = jdbc.sql(qa).params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
        JsonNode totals = summary.get("totals");
        assertThat(List.of(totals.get("qa").get("sampled").asLong(), totals.get("qa").get("reviewed").asLong(),
                totals.get("qa").get("agree").asLong(), totals.get("qa").get("disagree").asLong())).isEqualTo(total);
        long automatedInTotal = jdbc.sql("select count(*) from runs where status = 'succeeded' and human_touches = 0 and created_at >= ? and created_at < ?")
                .params(Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
        assertThat(totals.get("staff_minutes_saved").asDouble()).isEqualTo(automatedInTotal * 6.0);
    }
}

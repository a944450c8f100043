package io.rcmos.server.inbox;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import io.rcmos.server.support.TestChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox end to end: leases, answers checked before they reach the run, SLAs that escalate, QA sampling. */
class InboxIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SlaSweep sweep;

    private Runs runs;

    @BeforeEach
    void setUp() {
        runs = new Runs(http(Role.OPERATOR), jdbc);
    }

    private String parkedOn(String type, String payerId, String memberPrefix) {
        String runId = runs.submit(Runs.eligibility(payerId, "test", memberPrefix + UUID.randomUUID().toString().substring(0, 8),
                "John", "Doe", "1980-01-31"));
        runs.awaitStatus(runId, "waiting_for_human");
        String taskId = jdbc.sql("select breakpoint_id::text from breakpoints where run_id = ?::uuid and status = 'open'")
                .param(runId).query(String.class).single();
        assertThat(jdbc.sql("select type from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single())
                .isEqualTo(type);
        return taskId;
    }

    private String runOf(String taskId) {
        return jdbc.sql("select run_id::text from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single();
    }

    @Test
    void twoOperatorsClaimingOneTaskOneWinsTheOtherGets409() throws Exception {
        String taskId = parkedOn("mfa", "87726", "MFA");
        Http ana = person("ana-" + UUID.randomUUID(), Role.OPERATOR);
        Http ben = person("ben-" + UUID.randomUUID(), Role.OPERATOR);
        JsonNode listed = ana.get("/inbox?type=mfa&payer_id=87726").json().get("items");
        assertThat(listed.valueStream().map(t -> t.get("id").asString())).contains(taskId);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> claims = new ArrayList<>();
        for (Http who : List.of(ana, ben)) {
            Callable<Http.Response> claim = () -> {
                go.await();
                return who.postJson("/inbox/" + taskId + "/claim", "{}");
            };
            claims.add(pool.submit(claim));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        Http winner = null;
        Http loser = null;
        for (int i = 0; i < 2; i++) {
            Http.Response r = claims.get(i).get();
            statuses.add(r.status());
            if (r.status() == 200) {
                winner = i == 0 ? ana : ben;
            } else {
                loser = i == 0 ? ana : ben;
                assertThat(r.json().get("code").asString()).isEqualTo("task_claimed");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        // the loser cannot resolve either; the holder's answer is checked before it reaches the run
        Http.Response stolen = loser.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"submit\", \"value\": \"123456\"}");
        assertThat(stolen.status()).isEqualTo(409);
        Http.Response badShape = winner.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"submit\", \"value\": \"12 34\"}");
        assertThat(badShape.status()).isEqualTo(400);
        assertThat(badShape.json().get("errors").get(0).get("field").asString()).isEqualTo("value");
        Http.Response resolved = winner.postJson("/inbox/" + taskId + "/resolve",
                "{\"action\": \"submit\", \"value\": \"" + TestChannel.VALID_CODE + "\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

        String runId = runOf(taskId);
        JsonNode run = runs.awaitStatus(runId, "succeeded");
        assertThat(run.get("attempts").asInt()).isEqualTo(2);
        assertThat(runs.eventTypes(runId)).containsSubsequence("inbox.created", "breakpoint.mfa.requested", "inbox.claimed",
                "inbox.resolved", "breakpoint.mfa.resolved", "run.succeeded");
        assertThat(jdbc.sql("select count(*) from audit_log where action like 'inbox.%' and target_id = ?").param(taskId)
                .query(Long.class).single()).isEqualTo(3); // created, claimed, resolved
        assertThat(jdbc.sql("select count(*) from audit_log where details like ?").param("%" + TestChannel.VALID_CODE + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_events where payload::text like ?").param("%" + TestChannel.VALID_CODE + "%")
                .query(Long.class).single()).isZero();
        assertThat(winner.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"fail\"}").json().get("code").asString())
                .isEqualTo("task_closed");
    }

    @Test
    void aReviewSlaBreachRequeuesToAWiderAudienceThenFailsTheRun() {
        String taskId = parkedOn("review", "87726", "REJECT");
        String runId = runOf(taskId);
        Http reviewer = http(Role.REVIEWER);
        assertThat(reviewer.postJson("/inbox/" + taskId + "/claim", "{}").status()).isEqualTo(200);
        assertThat(http(Role.OPERATOR).postJson("/inbox/" + taskId + "/claim", "{}").json().get("code").asString())
                .as("operators are not in a fresh review task's audience").isEqualTo("not_in_audience");

        jdbc.sql("update breakpoints set due_at = now() - interval '1 second' where breakpoint_id = ?::uuid").param(taskId).update();
        sweep.sweep();
        JsonNode escalated = reviewer.get("/inbox/" + taskId).json();
        assertThat(escalated.get("status").asString()).isEqualTo("open");
        assertThat(escalated.get("assignee").isNull()).as("the claim is dropped").isTrue();
        assertThat(escalated.get("escalation_level").asInt()).isEqualTo(1);
        assertThat(escalated.get("audience").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("reviewer", "operator");
        assertThat(runs.eventTypes(runId)).containsSubsequence("inbox.created", "inbox.claimed", "breakpoint.sla_breached", "inbox.escalated");
        assertThat(http(Role.OPERATOR).get("/inbox?run_id=" + runId).json().get("items").size()).isEqualTo(1);
        assertThat(http(Role.VIEWER).get("/metrics").body()).contains("rcm_inbox_sla_breached_total{payer=\"87726\",type=\"review\"}");

        jdbc.sql("update breakpoints set due_at = now() - interval '1 second' where breakpoint_id = ?::uuid").param(taskId).update();
        sweep.sweep();
        JsonNode run = runs.awaitStatus(runId, "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("human_sla_breached");
        assertThat(reviewer.get("/inbox/" + taskId).json().get("status").asString()).isEqualTo("expired");
    }

    @Test
    void aTaskOutsideTheCallersAudienceCanNeitherBeReadNorAnsweredAnyWay() {
        String taskId = parkedOn("mfa", "87726", "MFA");
        String runId = runOf(taskId);
        Http reviewer = http(Role.REVIEWER);
        Http.Response read = reviewer.get("/inbox/" + taskId);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().get("code").asString()).isEqualTo("not_in_audience");
        Http.Response answered = reviewer.postJson("/runs/" + runId + "/mfa", "{\"code\": \"123456\"}");
        assertThat(answered.status()).as("POST /runs/{id}/mfa follows the task's audience too").isEqualTo(403);
        assertThat(answered.json().get("code").asString()).isEqualTo("not_in_audience");
        assertThat(jdbc.sql("select status from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single())
                .isEqualTo("open");
        assertThat(http(Role.OPERATOR).get("/inbox/" + taskId).status()).isEqualTo(200);
        assertThat(http(Role.OPERATOR).postJson("/runs/" + runId + "/mfa", "{\"code\": \"123456\"}").status()).isEqualTo(202);
        runs.awaitStatus(runId, "succeeded");
    }

    @Test
    void anMfaTaskIsDueWithinTheCodeWindowAndItsBreachFailsTheRunAtOnce() {
        String taskId = parkedOn("mfa", "87726", "MFA");
        JsonNode task = http(Role.OPERATOR).get("/inbox/" + taskId).json();
        Duration window = Duration.between(java.time.Instant.parse(task.get("created_at").asString()),
                java.time.Instant.parse(task.get("due_at").asString()));
        assertThat(window).as("the test channel's code window (5 min) bounds the MFA SLA").isLessThanOrEqualTo(Duration.ofMinutes(5));
        jdbc.sql("update breakpoints set due_at = now() - interval '1 second' where breakpoint_id = ?::uuid").param(taskId).update();
        sweep.sweep();
        JsonNode run = runs.awaitStatus(runOf(taskId), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("human_sla_breached");
    }

    @Test
    void resolvedReviewsOfAChosenPayerAreSampledForQaAndNobodyReviewsTheirOwn() {
        String taskId = parkedOn("review", QA_PAYER, "REJECT");
        Http reviewer = http(Role.REVIEWER);
        assertThat(reviewer.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"fail\", \"note\": \"member unknown\"}").status())
                .isEqualTo(200);
        JsonNode run = runs.awaitStatus(runOf(taskId), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("failed_by_person");

        JsonNode review = reviewer.get("/qa/reviews?payer_id=" + QA_PAYER).json().get("items").valueStream()
                .filter(r -> r.get("breakpoint_id").asString().equals(taskId)).findFirst().orElseThrow();
        assertThat(review.get("rule").asString()).isEqualTo("every_review_of_payer");
        assertThat(review.get("action").asString()).isEqualTo("fail");
        String reviewId = review.get("review_id").asString();
        assertThat(reviewer.postJson("/qa/reviews/" + reviewId, "{\"verdict\": \"agree\"}").json().get("code").asString())
                .isEqualTo("own_resolution");
        assertThat(http(Role.ADMIN).postJson("/qa/reviews/" + reviewId, "{\"verdict\": \"disagree\"}").status())
                .as("a note is required to disagree").isEqualTo(400);
        Http.Response verdict = http(Role.ADMIN).postJson("/qa/reviews/" + reviewId, "{\"verdict\": \"disagree\", \"note\": \"should have called the payer\"}");
        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.json().get("status").asString()).isEqualTo("disagreed");
        assertThat(http(Role.OPERATOR).get("/qa/reviews").status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.eventTypes(runOf(taskId)).contains("qa.reviewed"));
    }

    @Test
    void badInboxRequestsAreClear4xx() {
        Http op = http(Role.OPERATOR);
        assertThat(op.get("/inbox?type=phone").json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(op.get("/inbox?limit=0").status()).isEqualTo(400);
        assertThat(op.get("/inbox/not-a-uuid").status()).isEqualTo(400);
        assertThat(op.get("/inbox/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(op.postJson("/inbox/" + UUID.randomUUID() + "/resolve", "{\"action\": \"submit\", \"extra\": 1}").status()).isEqualTo(400);
        assertThat(op.postJson("/inbox/" + UUID.randomUUID() + "/resolve", "[1]").status()).isEqualTo(400);
    }

    @Test
    void anAnswerWithSeveralProblemsNamesThemAll() {
        Http op = http(Role.OPERATOR);
        Http.Response r = op.postJson("/inbox/" + UUID.randomUUID() + "/resolve", "{\"acton\": \"submit\", \"note\": 5}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("acton", "action", "note");
        assertThat(r.json().get("errors").toString()).contains("did you mean action?");

        // checked against the task: an action it does not take and a note too long, in one answer
        String taskId = parkedOn("mfa", "87726", "MFA");
        Http.Response answer = op.postJson("/inbox/" + taskId + "/resolve",
                "{\"action\": \"sumbit\", \"note\": \"" + "x".repeat(2001) + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("code").asString()).isEqualTo("answer_invalid");
        assertThat(answer.json().get("errors").valueStream().map(e -> e.get("field").asString())).containsExactlyInAnyOrder("action", "note");
        assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("did you mean submit?");
        Http.Response value = op.postJson("/inbox/" + taskId + "/resolve",
                "{\"action\": \"submit\", \"value\": \"!\", \"note\": \"" + "x".repeat(2001) + "\"}");
        assertThat(value.json().get("errors").valueStream().map(e -> e.get("field").asString())).containsExactlyInAnyOrder("value", "note");
        assertThat(jdbc.sql("select status from breakpoints where breakpoint_id = ?::uuid").param(taskId).query(String.class).single())
                .isEqualTo("open");
    }
}

package io.rcmos.server.runs;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.TestChannel;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RunsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkflowClient workflows;

    private Http operator() {
        return http(Role.OPERATOR);
    }

    private JsonNode awaitStatus(String runId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(operator().get("/runs/" + runId).json().get("status").asString()));
        return operator().get("/runs/" + runId).json();
    }

    private List<String> eventTypes(String runId) {
        return jdbc.sql("select type from outbox_events where run_id = ?::uuid order by id").param(runId).query(String.class).list();
    }

    @Test
    void eligibilityRunGoesQueuedRunningSucceededWithTypedOutputAndEvents() {
        var created = operator().postJson("/runs", RunRequests.eligibility("test", "M" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        assertThat(created.json().get("status").asString()).isEqualTo("queued");
        assertThat(created.json().get("idempotency_key").asString()).startsWith("eligibility:87726:");
        String runId = created.json().get("run_id").asString();

        JsonNode run = awaitStatus(runId, "succeeded");
        assertThat(run.get("route").asString()).isEqualTo("test");
        assertThat(run.get("attempts").asInt()).isEqualTo(1);
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(run.get("output").get("copay").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(run.get("output").get("source").asString()).isEqualTo("clearinghouse");
        assertThat(run.get("error").isNull()).isTrue();
        assertThat(run.get("duration_ms").asLong()).isPositive();
        List<String> timeline = new ArrayList<>();
        run.get("timeline").forEach(t -> timeline.add(t.get("type").asString()));
        assertThat(timeline).containsSubsequence("run.created", "run.started", "run.attempted", "run.succeeded");
        assertThat(eventTypes(runId)).containsExactly("run.created", "route.chosen", "run.started", "run.succeeded");
        assertThat(jdbc.sql("select count(*) from audit_log where run_id = ?::uuid").param(runId).query(Long.class).single())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void claimStatusRunReturnsClaims() {
        var created = operator().postJson("/runs", RunRequests.claimStatus("test", "C1", "PCN-" + UUID.randomUUID().toString().substring(0, 18)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode run = awaitStatus(created.json().get("run_id").asString(), "succeeded");
        assertThat(run.get("purpose").asString()).isEqualTo("claim_status");
        assertThat(run.get("business_date").asString()).isEqualTo("2026-01-15");
        assertThat(run.get("output").get("claims").get(0).get("status_category_code").asString()).isEqualTo("F1");
    }

    @Test
    void returnsExistingRunForDuplicateKey() {
        String body = RunRequests.eligibility("test", "DUP" + UUID.randomUUID().toString().substring(0, 8));
        var first = operator().postJson("/runs", body);
        var second = operator().postJson("/runs", body.replace("\"John\"", "\" john \""));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("created").asBoolean()).isFalse();
        assertThat(second.json().get("run_id").asString()).isEqualTo(first.json().get("run_id").asString());
        assertThat(second.json().get("idempotency_key").asString()).isEqualTo(first.json().get("idempotency_key").asString());
    }

    @org.junit.jupiter.api.AfterEach
    void defaultFlags() {
        resetFlags("87726");
    }

    @Test
    void twentyConcurrentIdenticalRequestsCreateExactlyOneRun() throws Exception {
        String body = RunRequests.eligibility("test", "CONC" + UUID.randomUUID().toString().substring(0, 8));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Http.Response> call = () -> {
                go.await();
                return operator().postJson("/runs", body);
            };
            futures.add(pool.submit(call));
        }
        go.countDown();
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> f : futures) {
            responses.add(f.get());
        }
        pool.shutdown();
        assertThat(responses.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(responses.stream().filter(r -> r.status() == 200).count()).isEqualTo(19);
        Set<String> runIds = responses.stream().map(r -> r.json().get("run_id").asString()).collect(Collectors.toSet());
        assertThat(runIds).hasSize(1);
        String key = responses.get(0).json().get("idempotency_key").asString();
        assertThat(jdbc.sql("select count(*) from runs where idempotency_key = ?").param(key).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void mfaBreakpointParksTheRunUntilACodeArrives() {
        var created = operator().postJson("/runs", RunRequests.eligibility("test", "MFA" + UUID.randomUUID().toString().substring(0, 8)));
        String runId = created.json().get("run_id").asString();
        awaitStatus(runId, "waiting_for_human");
        assertThat(eventTypes(runId)).contains("breakpoint.mfa.requested");
        RunWorkflow.RunState state = workflows.newWorkflowStub(RunWorkflow.class, RunWorkflow.workflowId(UUID.fromString(runId))).getState();
        assertThat(state.waitingFor()).isEqualTo("mfa");

        var badCode = operator().postJson("/runs/" + runId + "/mfa", "{\"code\": \"12 34\"}");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().get("errors").get(0).get("field").asString()).isEqualTo("code");

        var notTheirs = http(Role.REVIEWER).postJson("/runs/" + runId + "/mfa", "{\"code\": \"" + TestChannel.VALID_CODE + "\"}");
        assertThat(notTheirs.status()).as("MFA tasks are worked by operators").isEqualTo(403);
        var sent = operator().postJson("/runs/" + runId + "/mfa", "{\"code\": \"" + TestChannel.VALID_CODE + "\"}");
        assertThat(sent.status()).isEqualTo(202);
        JsonNode run = awaitStatus(runId, "succeeded");
        assertThat(run.get("attempts").asInt()).isEqualTo(2);
        assertThat(eventTypes(runId)).containsSubsequence("inbox.created", "breakpoint.mfa.requested", "inbox.resolved",
                "breakpoint.mfa.resolved", "run.succeeded");
        assertThat(jdbc.sql("select count(*) from audit_log where run_id = ?::uuid and action = 'inbox.resolved'")
                .param(runId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select answer is null from breakpoints where run_id = ?::uuid").param(runId).query(Boolean.class).single())
                .as("the code is forgotten once used").isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where details like ?").param("%" + TestChannel.VALID_CODE + "%")
                .query(Long.class).single()).isZero();

        var late = operator().postJson("/runs/" + runId + "/mfa", "{\"code\": \"123456\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asString()).isEqualTo("run_not_waiting");
    }

    @Test
    void rejectedRunFailsFastWithTheReasonWhenHumanFallbackIsOff() {
        withoutHumanFallback("87726");
        var created = operator().postJson("/runs", RunRequests.eligibility("test", "REJECT" + UUID.randomUUID().toString().substring(0, 6)));
        JsonNode run = awaitStatus(created.json().get("run_id").asString(), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("invalid_member_id");
        assertThat(run.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(run.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void runFailsWhenEveryChannelIsUnavailableAndHumanFallbackIsOff() {
        withoutHumanFallback("87726");
        var created = operator().postJson("/runs", RunRequests.eligibility("test", "DOWN" + UUID.randomUUID().toString().substring(0, 6)));
        String runId = created.json().get("run_id").asString();
        JsonNode run = awaitStatus(runId, "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("no_channel_answered");
        assertThat(eventTypes(runId)).contains("run.route.unavailable", "run.failed");
    }

    @Test
    void demoRouteCannotBeSelectedWithExternalEngines() {
        var r = operator().postJson("/runs", RunRequests.eligibility("demo", "X1"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("route_unavailable");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("route");
    }

    @Test
    void listsRunsNewestFirstWithFiltersAndCursorPaging() {
        String payer = "P" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var r = operator().postJson("/runs", RunRequests.eligibility("test", "L" + i).replace("\"87726\"", "\"" + payer + "\""));
            ids.add(r.json().get("run_id").asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = http(Role.VIEWER).get("/runs?payer_id=" + payer + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("run_id").asString()));
            JsonNode next = page.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(http(Role.VIEWER).get("/runs?payer_id=" + payer + "&purpose=claim_status").json().get("items")).isEmpty();
        assertThat(http(Role.VIEWER).get("/runs?status=bogus").status()).isEqualTo(400);
        assertThat(http(Role.VIEWER).get("/runs?limit=0").json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(http(Role.VIEWER).get("/runs?cursor=garbage!").json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void unknownAndMalformedRunIdsAreProblems() {
        var missing = operator().get("/runs/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("run_not_found");
        var malformed = operator().get("/runs/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }
}

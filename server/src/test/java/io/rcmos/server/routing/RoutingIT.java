package io.rcmos.server.routing;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing policy end to end against the Stedi simulator and the fake portals: clearinghouse first; an AAA 42
 * that outlives its retries → the portal; a flag → the portal directly; a data error → a review task, resolved by a
 * person → the run succeeds. Every hop and its reason is in the timeline and the events; the result says its source.
 */
class RoutingIT extends IntegrationTest {

    private static final String UHC = "87726";

    @Autowired
    JdbcClient jdbc;

    private Runs runs;

    @BeforeEach
    void setUp() {
        runs = new Runs(http(Role.OPERATOR), jdbc);
        jdbc.sql("delete from portal_sessions").update();
    }

    @AfterEach
    void reset() {
        resetFlags(UHC);
    }

    private static String synthetic() {
        return "SIM" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode() % 10_000_000)) + "0";
    }

    @Test
    void theClearinghouseAnswersFirst() {
        String runId = runs.submit(Runs.eligibility(UHC, "auto", synthetic(), "Ann", "Lee", "1990-01-01"));
        JsonNode run = runs.awaitStatus(runId, "succeeded");
        assertThat(run.get("route").asString()).isEqualTo("clearinghouse");
        assertThat(run.get("output").get("source").asString()).isEqualTo("clearinghouse");
        assertThat(runs.timeline(run)).anyMatch(l -> l.equals("route.chosen route=clearinghouse reason=clearinghouse is the first choice"));
        assertThat(runs.eventTypes(runId)).containsSubsequence("route.chosen", "run.started", "run.succeeded")
                .doesNotContain("route.fallback");
    }

    @Test
    void anAaa42ThatOutlivesItsRetriesFallsBackToThePortal() {
        String runId = runs.submit(Runs.eligibility(UHC, "auto", "RCMOUTAGE01", "Grace", "Hopper", "1970-12-09"));
        JsonNode run = runs.awaitStatus(runId, "succeeded", java.time.Duration.ofSeconds(120));
        assertThat(run.get("route").asString()).isEqualTo("portal");
        assertThat(run.get("output").get("source").asString()).isEqualTo("portal");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(run.get("output").get("copay").decimalValue()).isEqualByComparingTo("25");
        List<String> timeline = runs.timeline(run);
        assertThat(timeline).anyMatch(l -> l.startsWith("run.route.unavailable route=clearinghouse code=clearinghouse_unavailable class=transient"));
        assertThat(timeline).anyMatch(l -> l.startsWith("route.fallback route=portal reason=clearinghouse failed (transient clearinghouse_unavailable), trying portal"));
        assertThat(runs.eventTypes(runId)).containsSubsequence("route.chosen", "run.route.unavailable", "route.fallback", "run.succeeded");
        assertThat(runs.events(runId, "route.fallback").get(0))
                .contains("\"from\": \"clearinghouse\"").contains("\"route\": \"portal\"").contains("\"failure_class\": \"transient\"");
    }

    @Test
    void aFlagSendsTheRunToThePortalDirectly() {
        flags(UHC, "eligibility", false, true, "clearinghouse", true);
        String runId = runs.submit(Runs.eligibility(UHC, "auto", synthetic(), "Ann", "Lee", "1990-01-01"));
        JsonNode run = runs.awaitStatus(runId, "succeeded", java.time.Duration.ofSeconds(120));
        assertThat(run.get("route").asString()).isEqualTo("portal");
        List<String> timeline = runs.timeline(run);
        assertThat(timeline).anyMatch(l -> l.equals("route.chosen route=portal reason=portal is the first choice"));
        assertThat(timeline).noneMatch(l -> l.contains("route=clearinghouse"));
    }

    @Test
    void aDataErrorBecomesAReviewTaskAndAPersonsCorrectionMakesTheRunSucceed() {
        String runId = runs.submit(Runs.eligibility(UHC, "auto", "UHCAAA72", "Maria", "Lopez", "1985-04-12"));
        runs.awaitStatus(runId, "waiting_for_human");
        Http reviewer = http(Role.REVIEWER);
        JsonNode task = reviewer.get("/inbox?run_id=" + runId).json().get("items").get(0);
        assertThat(task.get("type").asString()).isEqualTo("review");
        assertThat(task.get("reason_code").asString()).isEqualTo("aaa_72");
        assertThat(task.get("prompt").asString()).contains("aaa_72 from clearinghouse").contains("(AAA 72");
        assertThat(task.get("evidence").valueStream().map(e -> e.get("kind").asString()))
                .as("the payer's raw 271 is for admins only, never behind a signed link").doesNotContain("x12");
        assertThat(http(Role.OPERATOR).get("/inbox?run_id=" + runId).json().get("items").size())
                .as("review tasks are the reviewers' until escalated").isZero();
        String taskId = task.get("id").asString();
        // the portal was not tried: a data error is a person's call, not a blind retry elsewhere
        assertThat(runs.timeline(runs.get(runId))).noneMatch(l -> l.contains("route=portal"));

        Http.Response bad = reviewer.postJson("/inbox/" + taskId + "/resolve",
                "{\"action\": \"correct\", \"value\": {\"subscriber\": {\"date_of_birth\": \"1985-13-45\"}, \"provider\": {\"npi\": \"1999999985\"}}}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString())).as("every problem of the correction")
                .containsExactlyInAnyOrder("value.subscriber.date_of_birth", "value.provider.npi");
        Http.Response accept = reviewer.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"submit\"}");
        assertThat(accept.status()).isEqualTo(400);
        assertThat(accept.json().get("errors").get(0).get("field").asString()).isEqualTo("action");

        Http.Response fixed = reviewer.postJson("/inbox/" + taskId + "/resolve",
                "{\"action\": \"correct\", \"value\": {\"subscriber\": {\"member_id\": \"RCMACTIVE01\"}}, \"note\": \"typo in the member id\"}");
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().get("status").asString()).isEqualTo("resolved");

        JsonNode run = runs.awaitStatus(runId, "succeeded");
        assertThat(run.get("route").asString()).isEqualTo("clearinghouse");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
        // (lines end with " — " and the payer's own words where it said any)
        assertThat(runs.timeline(run).stream().map(l -> l.split(" — ")[0]).toList()).containsSubsequence(List.of(
                "route.chosen route=clearinghouse reason=clearinghouse is the first choice",
                "run.route.rejected route=clearinghouse code=aaa_72 class=data",
                "route.fallback route=human reason=the payer refused the request as given (aaa_72 from clearinghouse): a person reviews it instead of a blind retry",
                "breakpoint.review.requested the payer refused the request as given (aaa_72 from clearinghouse): a person reviews it instead of a blind retry",
                "run.input.corrected fields=subscriber.member_id",
                "breakpoint.review.resolved action=correct",
                "route.chosen route=clearinghouse reason=clearinghouse is the first choice",
                "run.succeeded route=clearinghouse"));
        assertThat(jdbc.sql("select input -> 'subscriber' ->> 'member_id' from runs where run_id = ?::uuid").param(runId)
                .query(String.class).single()).isEqualTo("RCMACTIVE01");
        assertThat(jdbc.sql("select count(*) from audit_log where details like '%RCMACTIVE01%' or details like '%UHCAAA72%'")
                .query(Long.class).single()).as("audit names fields, never values").isZero();
        assertThat(jdbc.sql("select human_touches from runs where run_id = ?::uuid").param(runId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aReviewerMayAcceptTheRefusalAsTheAnswerOrAnswerFromThePhone() {
        String notFound = runs.submit(Runs.eligibility(UHC, "clearinghouse", "RCMNOTFOUND01", "Nobody", "Here", "1980-02-02"));
        runs.awaitStatus(notFound, "waiting_for_human");
        Http reviewer = http(Role.REVIEWER);
        String task = reviewer.get("/inbox?run_id=" + notFound).json().get("items").get(0).get("id").asString();
        assertThat(reviewer.postJson("/inbox/" + task + "/resolve", "{\"action\": \"accept\", \"note\": \"not our patient\"}").status()).isEqualTo(200);
        JsonNode accepted = runs.awaitStatus(notFound, "succeeded");
        assertThat(accepted.get("output").get("coverage_status").asString()).isEqualTo("not_found");
        assertThat(accepted.get("route").asString()).isEqualTo("clearinghouse");

        String byPhone = runs.submit(Runs.eligibility(UHC, "clearinghouse", "UHCAAA73", "Jo", "Bloggs", "1980-03-03"));
        runs.awaitStatus(byPhone, "waiting_for_human");
        String phoneTask = reviewer.get("/inbox?run_id=" + byPhone).json().get("items").get(0).get("id").asString();
        Http.Response notAResult = reviewer.postJson("/inbox/" + phoneTask + "/resolve", "{\"action\": \"answer\", \"value\": {\"plan\": {}}}");
        assertThat(notAResult.status()).isEqualTo(400);
        assertThat(notAResult.json().get("errors").get(0).get("field").asString()).isEqualTo("value.coverage_status");
        Http.Response twoProblems = reviewer.postJson("/inbox/" + phoneTask + "/resolve",
                "{\"action\": \"answer\", \"value\": {\"coverage_status\": \"covered\", \"copay\": \"lots\", \"plan\": {\"begin\": \"2025-13-01\"}}}");
        assertThat(twoProblems.status()).isEqualTo(400);
        assertThat(twoProblems.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("value.coverage_status", "value.copay", "value.plan.begin");
        assertThat(twoProblems.body()).doesNotContain("io.rcmos").doesNotContain("EligibilityResult");
        assertThat(reviewer.postJson("/inbox/" + phoneTask + "/resolve",
                "{\"action\": \"answer\", \"value\": {\"coverage_status\": \"active\", \"copay\": 35}, \"note\": \"called the payer\"}").status())
                .isEqualTo(200);
        JsonNode answered = runs.awaitStatus(byPhone, "succeeded");
        assertThat(answered.get("route").asString()).isEqualTo("human");
        assertThat(answered.get("output").get("source").asString()).isEqualTo("human");
        assertThat(answered.get("output").get("copay").decimalValue()).isEqualByComparingTo("35");
    }
}

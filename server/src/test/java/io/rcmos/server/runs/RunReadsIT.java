package io.rcmos.server.runs;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console reads about runs: list filters by source and time, masked member hints, advice on errors, and no
 * patient data for viewers.
 */
class RunReadsIT extends IntegrationTest {

    private static final String PAYER = "RD" + UUID.randomUUID().toString().substring(0, 6).replace("-", "").toUpperCase();
    private static final String ADVICE_PAYER = "AD" + UUID.randomUUID().toString().substring(0, 6).replace("-", "").toUpperCase();

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void defaultFlags() {
        resetFlags(ADVICE_PAYER);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("run_id").asString()).toList();
    }

    @Test
    void listsFilterBySourceAndTimeAndShowMaskedMembersToThoseWhoMaySeeThem() {
        Instant before = Instant.now().minusSeconds(1);
        String answered = runs().submit(Runs.eligibility(PAYER, "test", "SRC00012649", "John", "Doe", "1980-01-31"));
        String waiting = runs().submit(Runs.eligibility(PAYER, "test", "MFA" + UUID.randomUUID().toString().substring(0, 8), "Ann", "Lee", "1990-01-01"));
        runs().awaitStatus(answered, "succeeded");
        runs().awaitStatus(waiting, "waiting_for_human");
        Instant after = Instant.now().plusSeconds(1);
        Http op = http(Role.OPERATOR);

        JsonNode all = op.get("/runs?payer_id=" + PAYER).json();
        assertThat(ids(all)).containsExactly(waiting, answered);
        JsonNode first = all.get("items").get(1);
        assertThat(first.get("source").asString()).isEqualTo("clearinghouse");
        assertThat(first.get("member_hint").asString()).isEqualTo("••••2649");
        assertThat(first.get("rerun_of").isNull()).isTrue();
        assertThat(all.get("items").get(0).get("source").isNull()).as("null until answered").isTrue();
        assertThat(http(Role.VIEWER).get("/runs?payer_id=" + PAYER).json().get("items").valueStream()
                .map(i -> i.get("member_hint").isNull())).containsOnly(true);

        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&source=clearinghouse").json())).containsExactly(answered);
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&source=portal").json())).isEmpty();
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&from=" + before + "&to=" + after).json())).containsExactly(waiting, answered);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&from=" + today + "&to=" + today).json()))
                .as("a date as to includes that whole day").containsExactly(waiting, answered);
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&to=" + today.minusDays(1)).json())).isEmpty();
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&from=" + today.plusDays(1)).json())).isEmpty();
        assertThat(ids(op.get("/runs?payer_id=" + PAYER + "&to=" + before).json())).isEmpty();

        for (String[] bad : new String[][]{{"source=fax", "source"}, {"from=yesterday", "from"}, {"to=2026-13-01", "to"},
                {"from=" + today.plusDays(2) + "&to=" + today, "from"}}) {
            Http.Response r = op.get("/runs?" + bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        op.postJson("/runs/" + waiting + "/mfa", "{\"code\": \"" + io.rcmos.server.support.TestChannel.VALID_CODE + "\"}");
    }

    @Test
    void viewersReadARunWithoutItsPatientData() {
        String runId = runs().submit(Runs.eligibility(PAYER, "test", "PHI" + UUID.randomUUID().toString().substring(0, 8), "Ann", "Lee", "1990-01-01"));
        runs().awaitStatus(runId, "succeeded");
        JsonNode full = http(Role.REVIEWER).get("/runs/" + runId).json();
        assertThat(full.get("phi_redacted").asBoolean()).isFalse();
        assertThat(full.get("input").get("subscriber").get("last_name").asString()).isEqualTo("Lee");
        assertThat(full.get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(full.get("reruns").isEmpty()).isTrue();

        Http.Response viewed = http(Role.VIEWER).get("/runs/" + runId);
        JsonNode redacted = viewed.json();
        assertThat(redacted.get("phi_redacted").asBoolean()).isTrue();
        // minimum necessary: identifiers as their last four, names as initials, the birth year; the answer's facts stay
        JsonNode subscriber = redacted.get("input").get("subscriber");
        assertThat(subscriber.get("member_id").asString()).startsWith("••••").hasSize(8);
        assertThat(subscriber.get("first_name").asString()).isEqualTo("A.");
        assertThat(subscriber.get("last_name").asString()).isEqualTo("L.");
        assertThat(subscriber.get("date_of_birth").asString()).isEqualTo("1990");
        assertThat(redacted.get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(redacted.get("status").asString()).isEqualTo("succeeded");
        assertThat(redacted.get("timeline").size()).isEqualTo(full.get("timeline").size());
        assertThat(viewed.body()).doesNotContain("Lee").doesNotContain("1990-01-01");
    }

    @Test
    void aFailedRunSaysWhatToDoAboutItsCode() {
        withoutHumanFallback(ADVICE_PAYER);
        // the simulator's payer does not know this member: AAA 75 through the clearinghouse
        String runId = runs().submit(Runs.eligibility(ADVICE_PAYER, "clearinghouse", "NOONE" + UUID.randomUUID().toString().substring(0, 6),
                "Ann", "Lee", "1990-01-01"));
        JsonNode run = runs().awaitStatus(runId, "failed");
        JsonNode error = run.get("error");
        assertThat(error.get("code").asString()).isEqualTo("aaa_75");
        JsonNode advice = error.get("advice");
        assertThat(advice.get("code").asString()).isEqualTo("aaa_75");
        assertThat(advice.get("title").asString()).isNotBlank();
        assertThat(advice.get("explanation").asString()).isNotBlank();
        assertThat(advice.get("next_step").asString()).isNotBlank();
        assertThat(advice.get("retry_later").asBoolean()).isFalse();
        assertThat(advice.get("check_fields").valueStream().map(JsonNode::asString)).contains("input.subscriber.member_id");
        assertThat(jdbc.sql("select error::text from runs where run_id = ?::uuid").param(runId).query(String.class).single())
                .as("advice is looked up, not stored").doesNotContain("advice");

        JsonNode listed = http(Role.VIEWER).get("/runs?payer_id=" + ADVICE_PAYER).json().get("items").get(0);
        assertThat(listed.get("error").get("advice").get("code").asString()).isEqualTo("aaa_75");
        assertThat(http(Role.VIEWER).get("/runs/" + runId).json().get("error").get("advice").get("check_fields").size()).isPositive();
    }

    @Test
    void theAdviceTableIsServedToEveryRoleAndTheNewEndpointsAreDocumented() {
        Http.Response table = http(Role.VIEWER).get("/errors/advice");
        assertThat(table.status()).isEqualTo(200);
        List<String> codes = table.json().get("items").valueStream().map(a -> a.get("code").asString()).toList();
        assertThat(codes).contains("aaa_42", "aaa_58", "aaa_71", "aaa_72", "aaa_73", "member_not_found", "human_sla_breached");
        JsonNode aaa42 = table.json().get("items").valueStream().filter(a -> a.get("code").asString().equals("aaa_42")).findFirst().orElseThrow();
        assertThat(aaa42.get("retry_later").asBoolean()).isTrue();
        assertThat(http(null).get("/errors/advice").status()).isEqualTo(401);

        JsonNode paths = http(Role.VIEWER).get("/openapi.json").json().get("paths");
        assertThat(paths.has("/runs/{id}/rerun")).isTrue();
        assertThat(paths.has("/errors/advice")).isTrue();
        assertThat(paths.has("/batches/preview")).isTrue();
        assertThat(paths.get("/runs").get("get").get("parameters").valueStream().map(p -> p.get("name").asString()))
                .contains("source", "from", "to");
    }
}

package io.rcmos.server.clearinghouse;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each simulator scenario through POST /runs with route clearinghouse: the right status and typed output. */
class ClearinghouseRunsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private Http operator() {
        return http(Role.OPERATOR);
    }

    private static String eligibility(String memberId, String first, String last, String dob, String dependent) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "clearinghouse",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s"%s},
                           "dependent": %s, "service_type_codes": ["30"]}}"""
                .formatted(memberId, first, last, dob == null ? "" : ", \"date_of_birth\": \"" + dob + "\"",
                        dependent == null ? "null" : dependent);
    }

    private static String claimStatus(String memberId, String pcn, String from, String to) {
        return """
                {"purpose": "claim_status", "payer_id": "87726", "route": "clearinghouse",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Maria", "last_name": "Lopez"},
                           "claim": {"patient_control_number": "%s", "service_date_from": "%s", "service_date_to": "%s"}}}"""
                .formatted(memberId, pcn, from, to);
    }

    private JsonNode finish(String body, String status) {
        var created = operator().postJson("/runs", body);
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        String runId = created.json().get("run_id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String s = operator().get("/runs/" + runId).json().get("status").asString();
            return s.equals("succeeded") || s.equals("failed");
        });
        JsonNode run = operator().get("/runs/" + runId).json();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo(status);
        return run;
    }

    @Test
    void stediMockMemberIsActive() {
        JsonNode run = finish(eligibility("UHC202649", "John", "Doe", null, null), "succeeded");
        JsonNode out = run.get("output");
        assertThat(run.get("route").asString()).isEqualTo("clearinghouse");
        assertThat(out.get("source").asString()).isEqualTo("clearinghouse");
        assertThat(out.get("coverage_status").asString()).isEqualTo("active");
        assertThat(out.get("copay").decimalValue()).isEqualByComparingTo("25");
        assertThat(out.get("deductible").get("total").decimalValue()).isEqualByComparingTo("1500");
        assertThat(out.get("deductible").get("remaining").decimalValue()).isEqualByComparingTo("1100");
        assertThat(out.get("out_of_pocket").get("remaining").decimalValue()).isEqualByComparingTo("5400");
        assertThat(out.get("plan").get("group_number").asString()).isEqualTo("0701727");
        assertThat(out.get("subscriber").get("first_name").asString()).isEqualTo("John");
        String runId = run.get("run_id").asString();
        // the payer's 271 holds the whole patient record: admins only, through the API, every read audited
        assertThat(http(io.rcmos.server.security.Role.REVIEWER).get("/runs/" + runId + "/artifacts").json()).isEmpty();
        JsonNode artifacts = http(io.rcmos.server.security.Role.ADMIN).get("/runs/" + runId + "/artifacts").json();
        assertThat(artifacts).singleElement().satisfies(a -> {
            assertThat(a.get("kind").asString()).isEqualTo("x12");
            assertThat(a.get("step").asString()).isEqualTo("271");
            assertThat(a.get("restricted").asBoolean()).isTrue();
        });
        String raw = http(io.rcmos.server.security.Role.ADMIN).get(artifacts.get(0).get("url").asString()).body();
        assertThat(raw).startsWith("ISA").contains("ST*271*").contains("UHC202649");
    }

    private static byte[] fetch(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dependentOfAMockMemberIsActive() {
        JsonNode run = finish(eligibility("UHC202649", "John", "Doe", null,
                "{\"first_name\": \"Jane\", \"last_name\": \"Doe\", \"date_of_birth\": \"1952-11-21\", \"relationship_code\": \"01\"}"), "succeeded");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
    }

    /** These tests are about the channel's own failures: no person steps in (RoutingIT covers the review path). */
    @org.junit.jupiter.api.BeforeEach
    void noHumanFallback() {
        withoutHumanFallback("87726");
    }

    @org.junit.jupiter.api.AfterEach
    void defaultFlags() {
        resetFlags("87726");
    }

    @Test
    void inactiveMemberSucceedsAsInactive() {
        JsonNode run = finish(eligibility("UHCINACTIVE", "Jane", "Doe", "1971-01-01", null), "succeeded");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("inactive");
    }

    @Test
    void notFoundFailsWithTheAaaReasonAndKeepsTheTypedOutput() {
        JsonNode run = finish(eligibility("RCMNOTFOUND01", "Nobody", "Here", null, null), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("aaa_75");
        assertThat(run.get("error").get("message").asString()).contains("Subscriber/Insured Not Found");
        assertThat(run.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("not_found");
        assertThat(run.get("output").get("errors").get(0).get("loop").asString()).isEqualTo("Loop 2100C");
        assertThat(run.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void invalidMemberIdFromA400IsADataError() {
        JsonNode run = finish(eligibility("UHCAAA72", "John", "Doe", null, null), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("aaa_72");
    }

    @Test
    void payerOutageRecoversOnRetry() {
        JsonNode run = finish(eligibility("SIM31415929", "Ann", "Lee", "1990-03-03", null), "succeeded");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
    }

    @Test
    void providerNotEligibleLeavesNoRouteAndSaysWhy() {
        JsonNode run = finish(eligibility("RCMNOPROV01", "Ann", "Lee", null, null), "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("no_channel_answered");
        List<String> details = run.get("timeline").valueStream().map(t -> t.get("detail").asString("")).toList();
        assertThat(details).anyMatch(d -> d.contains("enrollment_required"));
    }

    @Test
    void syntheticPopulationFollowsTheLastDigit() {
        assertThat(finish(eligibility("SIM27182810", "A", "B", "1980-01-01", null), "succeeded")
                .get("output").get("coverage_status").asString()).isEqualTo("active");
        assertThat(finish(eligibility("SIM27182817", "A", "B", "1980-01-01", null), "succeeded")
                .get("output").get("coverage_status").asString()).isEqualTo("inactive");
        assertThat(finish(eligibility("SIM27182818", "A", "B", "1980-01-01", null), "failed")
                .get("error").get("code").asString()).isEqualTo("aaa_75");
    }

    @Test
    void claimStatusPaidDeniedPendingAndNotFound() {
        JsonNode paid = finish(claimStatus("RCMACTIVE01", "PCN-PAID-1", "2026-10-01", "2026-10-07"), "succeeded").get("output");
        assertThat(paid.get("source").asString()).isEqualTo("clearinghouse");
        JsonNode claim = paid.get("claims").get(0);
        assertThat(claim.get("status_category_code").asString()).isEqualTo("F1");
        assertThat(claim.get("payer_claim_number").asString()).isEqualTo("UHC26110100001");
        assertThat(claim.get("amount_paid").decimalValue()).isEqualByComparingTo("180");
        assertThat(claim.get("check_number").asString()).isEqualTo("EFT00012345");
        assertThat(claim.get("paid_date").asString()).isEqualTo("2026-10-20");
        assertThat(claim.get("service_lines")).hasSize(2);
        assertThat(claim.get("service_lines").get(0).get("procedure_code").asString()).isEqualTo("99214");

        assertThat(finish(claimStatus("RCMACTIVE01", "PCN-DENIED-1", "2026-10-01", "2026-10-07"), "succeeded")
                .get("output").get("claims").get(0).get("status_category_code").asString()).isEqualTo("F2");
        assertThat(finish(claimStatus("SIM11111118", "PCN-X", "2026-10-01", "2026-10-07"), "succeeded")
                .get("output").get("claims").get(0).get("status_category_code").asString()).isEqualTo("P1");
        assertThat(finish(claimStatus("SIM11111119", "PCN-X", "2026-10-01", "2026-10-07"), "succeeded")
                .get("output").get("claims").get(0).get("status_category_code").asString()).isEqualTo("D0");
    }
}

package io.rcmos.server.portal;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.ServedEvidence;
import io.rcmos.sim.portal.PortalSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs through the portal channel against the simulator's fake portals, end to end through the API. */
class PortalRunsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** The portal runs of the current test and what each asked, so their screenshots can be read back. */
    private final java.util.Map<String, String> portalRuns = new java.util.LinkedHashMap<>();

    @AfterEach
    void resetPortals() {
        STEDI.portals().settings(PortalSettings.defaults());
    }

    /** OCR of every screenshot of the test's portal runs (a screenshot after every step) finds none of their PHI. */
    @AfterEach
    void screenshotsShowNoPatientData() {
        int read = 0;
        for (var run : portalRuns.entrySet()) {
            read += ServedEvidence.assertScreenshotsShowNoPhi(ServedEvidence.of(http(Role.ADMIN), run.getKey()),
                    ServedEvidence.phiOf(run.getValue()));
        }
        assertThat(read).as("screenshots of the test's portal runs").isPositive();
        System.out.println("PortalRunsIT: " + read + " screenshots of " + portalRuns.size() + " portal runs read back; "
                + io.rcmos.agent.evidence.Ocr.stats());
    }

    private static String eligibility(String route, String member, String dob) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "%s",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Maria", "last_name": "Lopez", "date_of_birth": "%s"},
                           "service_type_codes": ["30"]}}""".formatted(route, member, dob);
    }

    private JsonNode finish(String runId, String... statuses) {
        Http op = http(Role.OPERATOR);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> List.of(statuses).contains(op.get("/runs/" + runId).json().get("status").asString()));
        return op.get("/runs/" + runId).json();
    }

    private String submit(String body) {
        var created = http(Role.OPERATOR).postJson("/runs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = created.json().get("run_id").asString();
        if (body.contains("\"route\": \"portal\"")) {
            portalRuns.put(runId, body);
        }
        return runId;
    }

    @Test
    void bothChannelsGiveOneAnswerAndThePortalRunKeepsMaskedEvidence() throws IOException {
        jdbc.sql("delete from portal_sessions").update(); // a full login, one-time code included, must be in this run's capture
        JsonNode portal = finish(submit(eligibility("portal", "RCMACTIVE01", "1985-04-12")), "succeeded", "failed");
        // nearly the same question through the other channel (the idempotency key is the question, not the route, so an
        // identical request would return the portal run): service types 30 and 98 instead of 30
        JsonNode clearinghouse = finish(submit(eligibility("clearinghouse", "RCMACTIVE01", "1985-04-12").replace("[\"30\"]", "[\"30\", \"98\"]")),
                "succeeded", "failed");
        assertThat(portal.get("status").asString()).as(portal.toString()).isEqualTo("succeeded");
        assertThat(portal.get("route").asString()).isEqualTo("portal");
        JsonNode p = portal.get("output");
        JsonNode c = clearinghouse.get("output");
        assertThat(p.get("source").asString()).isEqualTo("portal");
        assertThat(c.get("source").asString()).isEqualTo("clearinghouse");
        for (String field : List.of("coverage_status")) {
            assertThat(p.get(field).asString()).isEqualTo(c.get(field).asString());
        }
        assertThat(p.at("/plan/name").asString()).isEqualTo(c.at("/plan/name").asString());
        assertThat(p.at("/plan/group_number").asString()).isEqualTo(c.at("/plan/group_number").asString());
        assertThat(p.get("copay").decimalValue()).isEqualByComparingTo(c.get("copay").decimalValue());
        assertThat(p.get("coinsurance_percent").decimalValue()).isEqualByComparingTo(c.get("coinsurance_percent").decimalValue());
        assertThat(p.at("/deductible/total").decimalValue()).isEqualByComparingTo(c.at("/deductible/total").decimalValue());
        assertThat(p.at("/deductible/remaining").decimalValue()).isEqualByComparingTo(c.at("/deductible/remaining").decimalValue());
        assertThat(p.at("/out_of_pocket/total").decimalValue()).isEqualByComparingTo(c.at("/out_of_pocket/total").decimalValue());
        assertThat(p.at("/out_of_pocket/remaining").decimalValue()).isEqualByComparingTo(c.at("/out_of_pocket/remaining").decimalValue());

        String runId = portal.get("run_id").asString();
        JsonNode served = http(Role.REVIEWER).get("/runs/" + runId + "/artifacts").json();
        assertThat(served.findValuesAsString("kind")).contains("screenshot", "dom", "har", "trace", "manifest").doesNotContain("raw");
        JsonNode all = http(Role.ADMIN).get("/runs/" + runId + "/artifacts").json();
        String rawHar = "";
        for (JsonNode a : all) {
            if (a.get("restricted").asBoolean() && a.get("step").asString().equals("har")) {
                rawHar = http(Role.ADMIN).get(a.get("url").asString()).body();
            }
        }
        String otp = rawHar.replaceAll("(?s).*code=([0-9]{6}).*", "$1");
        assertThat(otp).as("the raw capture (admins only) holds the one-time code").hasSize(6);
        List<String> secrets = List.of(PortalSettings.DEFAULT_PASSWORD, "RCMACTIVE01", "04/12/1985", "1985-04-12", "19850412", otp);
        int checked = 0;
        for (JsonNode a : served) {
            byte[] bytes = fetch(baseUrl() + a.get("url").asString());
            assertThat(bytes).as(a.get("kind").asString() + " downloads").isNotEmpty();
            if (a.get("kind").asString().equals("screenshot")) {
                continue; // pixels: read back by OCR after each test
            }
            String text = text(bytes, a.get("content_type").asString());
            for (String secret : secrets) {
                assertThat(text).as(a.get("kind").asString() + " " + a.get("step").asString() + " must not hold a private value").doesNotContain(secret);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anMfaCodeSentOutOfBandParksTheRunUntilAPersonAnswers() throws Exception {
        PortalSettings d = PortalSettings.defaults();
        STEDI.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "sent", 0, 900, 0, 0, "a"));
        jdbc.sql("delete from portal_sessions").update(); // no saved login: this run must sign in, and meet MFA
        String runId = submit(eligibility("portal", "SIM31415920", "1990-02-02"));
        JsonNode waiting = finish(runId, "waiting_for_human", "failed", "succeeded");
        assertThat(waiting.get("status").asString()).as(waiting.toString()).isEqualTo("waiting_for_human");
        assertThat(waiting.get("timeline").findValuesAsString("type")).contains("breakpoint.mfa.requested");

        String code = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(STEDI.portalUrl() + "/portal/_test/last-code"))
                .header("Authorization", STEDI.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body()
                .replaceAll(".*\"code\":\"([0-9]{6})\".*", "$1");
        // the ops inbox: an mfa task for this run, due within the portal's code window, with the page's evidence
        var operator = http(Role.OPERATOR);
        JsonNode task = operator.get("/inbox?type=mfa&run_id=" + runId).json().get("items").get(0);
        assertThat(task.get("payer_id").asString()).isEqualTo("87726");
        assertThat(java.time.Duration.between(java.time.Instant.parse(task.get("created_at").asString()),
                java.time.Instant.parse(task.get("due_at").asString()))).isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(task.get("evidence").valueStream().map(e -> e.get("kind").asString())).contains("screenshot");
        String taskId = task.get("id").asString();
        assertThat(operator.postJson("/inbox/" + taskId + "/claim", "{}").status()).isEqualTo(200);
        var answered = operator.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"submit\", \"value\": \"" + code + "\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);

        JsonNode done = finish(runId, "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.at("/output/coverage_status").asString()).isEqualTo("active");
        assertThat(done.at("/output/source").asString()).isEqualTo("portal");
        assertThat(done.get("timeline").findValuesAsString("type")).containsSubsequence("breakpoint.mfa.requested",
                "breakpoint.mfa.resolved", "run.succeeded");
        assertThat(jdbc.sql("select count(*) from audit_log where details like ?").param("%" + code + "%").query(Long.class).single())
                .as("the code is never audited").isZero();
    }

    private static String claimStatus(String route, String member, String pcn) {
        return """
                {"purpose": "claim_status", "payer_id": "87726", "route": "%s",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Maria", "last_name": "Lopez", "date_of_birth": "1985-04-12"},
                           "claim": {"patient_control_number": "%s", "service_date_from": "2026-10-01", "service_date_to": "2026-10-31"}}}"""
                .formatted(route, member, pcn);
    }

    @Test
    void claimStatusThroughTheUhcPortalOnLayoutBMatchesTheClearinghouse() {
        PortalSettings d = PortalSettings.defaults();
        STEDI.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "totp", 0, 900, 0, 0, "b"));
        JsonNode portal = finish(submit(claimStatus("portal", "RCMACTIVE01", "PCN-PAID-1")), "succeeded", "failed");
        JsonNode clearinghouse = finish(submit(claimStatus("clearinghouse", "RCMACTIVE01", "PCN-PAID-1").replace("2026-10-31", "2026-10-30")),
                "succeeded", "failed");
        assertThat(portal.get("status").asString()).as(portal.toString()).isEqualTo("succeeded");
        assertThat(portal.at("/output/source").asString()).isEqualTo("portal");
        JsonNode p = portal.at("/output/claims/0");
        JsonNode c = clearinghouse.at("/output/claims/0");
        for (String field : List.of("payer_claim_number", "patient_control_number", "status_category_code", "status_code", "entity_code",
                "paid_date", "check_number")) {
            assertThat(p.get(field).asString()).as(field).isEqualTo(c.get(field).asString());
        }
        assertThat(p.get("total_charge").decimalValue()).isEqualByComparingTo(c.get("total_charge").decimalValue());
        assertThat(p.get("amount_paid").decimalValue()).isEqualByComparingTo(c.get("amount_paid").decimalValue());
        assertThat(p.get("service_lines")).hasSize(c.get("service_lines").size());
        for (int i = 0; i < c.get("service_lines").size(); i++) {
            JsonNode pl = p.get("service_lines").get(i);
            JsonNode cl = c.get("service_lines").get(i);
            assertThat(pl.get("procedure_code").asString()).isEqualTo(cl.get("procedure_code").asString());
            assertThat(pl.get("paid").decimalValue()).isEqualByComparingTo(cl.get("paid").decimalValue());
            assertThat(pl.get("status_category_code").asString()).isEqualTo(cl.get("status_category_code").asString());
        }
    }

    @Test
    void eligibilityOnLayoutBMatchesTheClearinghouse() {
        PortalSettings d = PortalSettings.defaults();
        STEDI.portals().settings(new PortalSettings(d.username(), d.password(), d.totpSecret(), "totp", 0, 900, 0, 0, "b"));
        JsonNode portal = finish(submit(eligibility("portal", "UHC202649", "1980-01-31").replace("Maria", "John").replace("Lopez", "Doe")),
                "succeeded", "failed");
        JsonNode clearinghouse = finish(submit(eligibility("clearinghouse", "UHC202649", "1980-01-31").replace("Maria", "John")
                .replace("Lopez", "Doe").replace("[\"30\"]", "[\"30\", \"98\"]")), "succeeded", "failed");
        assertThat(portal.get("status").asString()).as(portal.toString()).isEqualTo("succeeded");
        JsonNode p = portal.get("output");
        JsonNode c = clearinghouse.get("output");
        assertThat(p.get("coverage_status").asString()).isEqualTo(c.get("coverage_status").asString());
        assertThat(p.get("copay").decimalValue()).isEqualByComparingTo(c.get("copay").decimalValue());
        assertThat(p.at("/deductible/remaining").decimalValue()).isEqualByComparingTo(c.at("/deductible/remaining").decimalValue());
        assertThat(p.at("/out_of_pocket/total").decimalValue()).isEqualByComparingTo(c.at("/out_of_pocket/total").decimalValue());
        assertThat(p.at("/plan/begin").asString()).isEqualTo(c.at("/plan/begin").asString());
    }

    private static byte[] fetch(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] bytes, String contentType) throws IOException {
        if (!contentType.contains("zip")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder all = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            while (in.getNextEntry() != null) {
                all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}

package io.rcmos.server.artifacts;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Minimum necessary (issue 12, part 2): payer payloads are for admins only and every read is audited; results files
 * link to evidence through the API, which checks who asks and logs it; viewers read masked patient data; every read of
 * a run's patient data by someone who may see it is in the audit log (who, which run, when).
 */
class MinimumNecessaryIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Artifacts artifacts;

    /** Entries of {@code action} on {@code target} by the test's {@code role} credential (any context's token of that name). */
    private long audited(String action, Role role, String target) {
        return jdbc.sql("""
                        select count(*) from audit_log a join api_tokens t on a.actor = 'token:' || t.token_id
                        where a.action = ? and t.name = ? and a.target_id = ?""").params(action, "it-" + role.wire(), target)
                .query(Long.class).single();
    }

    @Test
    void aPayersPayloadIsForAdminsOnlyAndEveryReadIsAudited() {
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        String runId = runs.submit("""
                {"purpose": "eligibility", "payer_id": "87726", "route": "clearinghouse",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "UHC202649", "first_name": "John", "last_name": "Doe"},
                           "service_type_codes": ["30", "88"]}}""");
        runs.awaitStatus(runId, "succeeded");
        String x12 = jdbc.sql("select artifact_id::text from artifacts where run_id = ?::uuid and kind = 'x12'").param(runId)
                .query(String.class).single();
        assertThat(jdbc.sql("select restricted from artifacts where artifact_id = ?::uuid").param(x12).query(Boolean.class).single()).isTrue();

        Http.Response asReviewer = http(Role.REVIEWER).get("/artifacts/" + x12);
        assertThat(asReviewer.status()).isEqualTo(403);
        assertThat(asReviewer.json().get("code").asString()).isEqualTo("artifact_restricted");
        Http.Response asAdmin = http(Role.ADMIN).send(http(Role.ADMIN).builder("/artifacts/" + x12).GET());
        assertThat(asAdmin.status()).isEqualTo(303);
        assertThat(asAdmin.header("Location")).isEqualTo("/artifacts/" + x12 + "/raw");
        Http.Response raw = http(Role.ADMIN).get("/artifacts/" + x12 + "/raw");
        assertThat(raw.body()).startsWith("ISA").contains("UHC202649");
        assertThat(audited("artifact.raw_read", Role.ADMIN, x12)).isEqualTo(1);
    }

    @Test
    void viewersReadMaskedPatientDataAndReadsByOthersAreAuditedAsLooksNotRefreshes() {
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        String member = "PCN" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String runId = runs.submit("""
                {"purpose": "claim_status", "payer_id": "87726", "route": "test",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Maria", "last_name": "Lopez", "date_of_birth": "1985-04-12"},
                           "claim": {"patient_control_number": "ACCT-778899", "service_date_from": "2026-10-01", "service_date_to": "2026-10-31"}}}"""
                .formatted(member));
        runs.awaitStatus(runId, "succeeded");

        Http.Response viewed = http(Role.VIEWER).get("/runs/" + runId);
        JsonNode input = viewed.json().get("input");
        assertThat(input.at("/subscriber/member_id").asString()).isEqualTo("••••" + member.substring(member.length() - 4));
        assertThat(input.at("/subscriber/first_name").asString()).isEqualTo("M.");
        assertThat(input.at("/subscriber/date_of_birth").asString()).isEqualTo("1985");
        assertThat(input.at("/claim/patient_control_number").asString()).isEqualTo("••••8899");
        assertThat(input.at("/provider/organization_name").asString()).as("not patient data").isEqualTo("Sunrise Clinic");
        assertThat(viewed.body()).doesNotContain(member).doesNotContain("Lopez").doesNotContain("1985-04-12").doesNotContain("ACCT-778899");
        assertThat(audited("run.phi_read", Role.VIEWER, runId)).as("a masked read is no read of PHI").isZero();

        for (int i = 0; i < 3; i++) {
            assertThat(http(Role.REVIEWER).get("/runs/" + runId).json().at("/input/subscriber/last_name").asString()).isEqualTo("Lopez");
        }
        assertThat(audited("run.phi_read", Role.REVIEWER, runId)).as("three refreshes within a minute: one look").isEqualTo(1);
        http(Role.ADMIN).get("/runs/" + runId);
        assertThat(audited("run.phi_read", Role.ADMIN, runId)).as("another person's look").isEqualTo(1);
        JsonNode entry = http(Role.ADMIN).get("/audit?action=run.phi_read&run_id=" + runId).json().get("items").get(0);
        assertThat(entry.get("ts").asString()).isNotBlank();
        assertThat(entry.get("details").toString()).doesNotContain("Lopez");
    }

    @Test
    void aResultsFileLinksToEvidenceThroughTheApiAndItsDownloadIsAudited() throws Exception {
        String csv = "Member ID,First Name,Last Name,DOB,NPI,Practice\r\n"
                + "SIM" + (1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_999_999)) + "0,Maria,Lopez,1990-02-02,1999999984,Sunrise Clinic\r\n";
        Http operator = http(Role.OPERATOR);
        Http.Response created = operator.send("POST", "/batches?purpose=eligibility&payer_id=87726&route=portal", "text/csv", csv);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();
        await().atMost(java.time.Duration.ofSeconds(120)).until(() -> "completed".equals(operator.get("/batches/" + batchId).json().get("status").asString()));

        JsonNode row = operator.get("/batches/" + batchId + "/results?format=json").json().get(0);
        assertThat(row.get("run_url").asString()).endsWith("/runs/" + row.get("run_id").asString());
        List<String> evidence = row.get("evidence").valueStream().map(JsonNode::asString).toList();
        assertThat(evidence).isNotEmpty().allSatisfy(url -> assertThat(url).matches(".*/artifacts/[0-9a-f-]{36}$"));
        assertThat(audited("batch.results_read", Role.OPERATOR, batchId)).isEqualTo(1);

        String link = evidence.get(0).substring(evidence.get(0).indexOf("/artifacts/"));
        assertThat(http(null).get(link).status()).as("a leaked file opens nothing by itself").isEqualTo(401);
        assertThat(http(Role.VIEWER).get(link).status()).isEqualTo(403);
        Http.Response redirect = operator.send(operator.builder(link).GET());
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.header("Location")).contains("/download?expires=");
        HttpResponse<byte[]> followed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + redirect.header("Location"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(followed.statusCode()).isEqualTo(200);
        String artifactId = link.substring("/artifacts/".length());
        assertThat(audited("artifact.read", Role.OPERATOR, artifactId)).isEqualTo(1);

        // opened from a spreadsheet by a person who is not signed in: the console's sign-in, then back to the link
        HttpResponse<String> browser = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + link))
                .header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fartifacts%2F" + artifactId);
    }
}

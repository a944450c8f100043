package io.rcmos.server.artifacts;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.ConsoleSession;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Links that last (issue 15): a results file links to evidence by its lasting address, {@code GET /artifacts/{id}},
 * which holds no signature and no expiry. A file opened after any signing window has passed still works for a
 * signed-in person (token or console session): each visit is checked, audited and answered with a freshly signed
 * short-lived link that serves the bytes; without sign-in it is refused.
 */
class LastingEvidenceLinksIT extends IntegrationTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};

    @Autowired
    Artifacts artifacts;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    FilesystemArtifactStore.UrlSigner signer;

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aResultsFilesEvidenceLinkHasNoSignatureAndSignsAFreshLinkOnEachVisit() throws Exception {
        Http operator = http(Role.OPERATOR);
        String csv = "Member ID,First Name,Last Name,DOB,NPI,Practice\r\nLINK" + UUID.randomUUID().toString().substring(0, 8)
                + ",Ann,Lee,1990-01-01,1999999984,Sunrise Clinic\r\n";
        Http.Response created = operator.send("POST", "/batches?purpose=eligibility&payer_id=87726&route=test", "text/csv", csv);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !operator.get("/batches/" + batchId).json().get("finished_at").isNull());
        UUID runId = UUID.fromString(operator.get("/batches/" + batchId + "/results?format=json").json().get(0).get("run_id").asString());
        UUID artifactId = artifacts.store(runId, "screenshot", "001-result", "image/png", PNG);

        // the JSON and CSV results name the lasting address: no signature, no expiry, nothing that runs out
        JsonNode row = operator.get("/batches/" + batchId + "/results?format=json").json().get(0);
        List<String> evidence = row.get("evidence").valueStream().map(JsonNode::asString).toList();
        assertThat(evidence).singleElement().satisfies(url -> {
            assertThat(url).endsWith("/artifacts/" + artifactId);
            assertThat(url).doesNotContain("signature").doesNotContain("expires").doesNotContain("?");
        });
        String text = operator.get("/batches/" + batchId + "/results?format=csv").body().replace("\uFEFF", "");
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            CSVRecord record = parser.getRecords().get(0);
            assertThat(record.get("evidence")).isEqualTo(evidence.get(0));
        }
        String link = "/artifacts/" + artifactId;

        // what a pre-signed link in yesterday's file was: expired, refused
        long yesterday = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
        HttpResponse<byte[]> stale = fetch(baseUrl() + link + "/download?expires=" + yesterday + "&signature="
                + URLEncoder.encode(signer.sign(artifactId.toString(), yesterday), StandardCharsets.UTF_8));
        assertThat(stale.statusCode()).isEqualTo(403);

        // the lasting address: without sign-in nothing; a viewer may not see evidence
        Http.Response anonymous = http(null).get(link);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("signature");
        assertThat(http(Role.VIEWER).get(link).status()).isEqualTo(403);
        assertThat(operator.get("/artifacts/" + UUID.randomUUID()).status()).isEqualTo(404);

        // signed in: a freshly signed short-lived link that serves the bytes, a new one on each visit
        Http.Response first = operator.send(operator.builder(link).GET());
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Cache-Control")).contains("no-store");
        String location = first.header("Location");
        assertThat(location).startsWith(link + "/download?expires=").contains("&signature=");
        long expires = Long.parseLong(location.replaceAll(".*expires=(\\d+).*", "$1"));
        assertThat(expires).isGreaterThan(Instant.now().getEpochSecond()).isLessThanOrEqualTo(Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
        HttpResponse<byte[]> served = fetch(baseUrl() + location);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(PNG);

        Thread.sleep(1100);
        String later = operator.send(operator.builder(link).GET()).header("Location");
        assertThat(later).as("signed afresh on each visit").isNotEqualTo(location);
        assertThat(fetch(baseUrl() + later).body()).isEqualTo(PNG);

        // a person signed in to the console follows the same link
        String password = "lasting-lantern-harbor-42";
        String username = "links-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "Links", "role": "operator", "password": "%s"}""".formatted(username, password))
                .status()).isEqualTo(201);
        ConsoleSession session = new ConsoleSession(baseUrl());
        assertThat(session.signIn(username, password).status()).isEqualTo(200);
        Http.Response viaConsole = session.get(link);
        assertThat(viaConsole.status()).isEqualTo(303);
        assertThat(fetch(baseUrl() + viaConsole.header("Location")).body()).isEqualTo(PNG);

        // each visit is a read of evidence, in the audit log under who read it (one entry per person and thing a minute)
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(distinct actor) from audit_log where action = 'artifact.read' and target_id = ?")
                .param(artifactId.toString()).query(Long.class).single() == 2);
    }
}

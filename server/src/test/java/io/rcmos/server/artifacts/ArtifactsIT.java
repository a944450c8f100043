package io.rcmos.server.artifacts;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactsIT extends IntegrationTest {

    @Autowired
    Artifacts artifacts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.rcmos.server.platform.RcmHome home;

    static UUID insertRun(JdbcClient jdbc) {
        UUID runId = UUID.randomUUID();
        jdbc.sql("""
                        insert into runs (run_id, purpose, payer_id, business_date, requested_route, status, idempotency_key, input, created_by)
                        values (?, 'eligibility', '87726', current_date, 'auto', 'succeeded', ?, '{}'::jsonb, 'test')""")
                .params(runId, "test:" + runId).update();
        return runId;
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void storedArtifactIsListedAndDownloadableThroughItsSignedUrl() throws Exception {
        UUID runId = insertRun(jdbc);
        byte[] x12 = "<html><body>masked page SECRETMEMBER</body></html>".getBytes(StandardCharsets.UTF_8);
        UUID id = artifacts.store(runId, "dom", "271", "text/html", x12);

        var list = http(Role.REVIEWER).get("/runs/" + runId + "/artifacts");
        assertThat(list.status()).isEqualTo(200);
        JsonNode entry = list.json().get(0);
        assertThat(entry.get("artifact_id").asString()).isEqualTo(id.toString());
        assertThat(entry.get("kind").asString()).isEqualTo("dom");
        assertThat(entry.get("size").asLong()).isEqualTo(x12.length);
        assertThat(entry.get("sha256").asString()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x12)));
        assertThat(entry.has("expires_at")).isTrue();

        HttpResponse<byte[]> download = fetch(baseUrl() + entry.get("url").asString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(x12);
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");

        String url = entry.get("url").asString();
        assertThat(fetch(baseUrl() + url.replace(id.toString(), UUID.randomUUID().toString())).statusCode()).isEqualTo(403);
        assertThat(fetch(baseUrl() + url.replaceAll("expires=\\d+", "expires=9999999999")).statusCode()).isEqualTo(403);
        assertThat(fetch(baseUrl() + url.substring(0, url.length() - 3)).statusCode()).isEqualTo(403);
        assertThat(fetch(baseUrl() + "/artifacts/" + id + "/download").statusCode()).isEqualTo(403);

        try (Stream<Path> files = Files.walk(home.root().resolve("artifacts"))) {
            Path stored = files.filter(p -> p.toString().endsWith(id.toString())).findFirst().orElseThrow();
            assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1)).doesNotContain("SECRETMEMBER");
        }
    }

    @Test
    void expiredUrlIsRefused() throws Exception {
        UUID runId = insertRun(jdbc);
        UUID id = artifacts.store(runId, "dom", "result", "text/html", "<p>x</p>".getBytes(StandardCharsets.UTF_8));
        FilesystemArtifactStore.UrlSigner signer = new FilesystemArtifactStore.UrlSigner(
                Files.exists(home.root().resolve("keys/artifact-signing.key"))
                        ? java.util.Base64.getDecoder().decode(Files.readString(home.root().resolve("keys/artifact-signing.key")).trim())
                        : new byte[32], java.time.Clock.systemUTC());
        long past = java.time.Instant.now().minusSeconds(5).getEpochSecond();
        var r = fetch(baseUrl() + "/artifacts/" + id + "/download?expires=" + past + "&signature=" + signer.sign(id.toString(), past));
        assertThat(r.statusCode()).isEqualTo(403);
        long future = java.time.Instant.now().plusSeconds(60).getEpochSecond();
        assertThat(fetch(baseUrl() + "/artifacts/" + id + "/download?expires=" + future + "&signature=" + signer.sign(id.toString(), future))
                .statusCode()).as("the same key signs a valid URL").isEqualTo(200);
    }

    @Test
    void restrictedCapturesAreListedOnlyForAdminsAndViewersSeeNoEvidence() {
        UUID runId = insertRun(jdbc);
        artifacts.store(runId, "screenshot", "login", "image/png", new byte[]{1, 2, 3});
        artifacts.store(runId, "raw", "har-raw", "application/json", new byte[]{4}, true);
        assertThat(http(Role.OPERATOR).get("/runs/" + runId + "/artifacts").json()).hasSize(1);
        assertThat(http(Role.ADMIN).get("/runs/" + runId + "/artifacts").json()).hasSize(2);
        assertThat(http(Role.VIEWER).get("/runs/" + runId + "/artifacts").status()).isEqualTo(403);
        Http op = http(Role.OPERATOR);
        assertThat(op.get("/runs/" + UUID.randomUUID() + "/artifacts").status()).isEqualTo(404);
        assertThat(op.get("/runs/nope/artifacts").status()).isEqualTo(400);
    }

    @Test
    void rawCapturesAreReadOnlyByAuthenticatedAdminsAndEveryReadIsAudited() {
        UUID runId = insertRun(jdbc);
        UUID raw = artifacts.store(runId, "raw", "har-raw", "application/json", "{\"secret\":1}".getBytes(), true);
        var entry = http(Role.ADMIN).get("/runs/" + runId + "/artifacts").json().get(0);
        assertThat(entry.get("restricted").asBoolean()).isTrue();
        assertThat(entry.get("url").asString()).isEqualTo("/artifacts/" + raw + "/raw");
        assertThat(http(Role.OPERATOR).get("/artifacts/" + raw + "/raw").status()).isEqualTo(403);
        assertThat(http(null).get("/artifacts/" + raw + "/raw").status()).isEqualTo(401);
        var read = http(Role.ADMIN).get("/artifacts/" + raw + "/raw");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{\"secret\":1}");
        http(Role.ADMIN).get("/artifacts/" + raw + "/raw");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'artifact.raw_read' and target_id = ?")
                .param(raw.toString()).query(Long.class).single()).isEqualTo(2);
        // a signed link is never honoured for a raw capture, even one signed with the right key
        assertThat(http(null).get("/artifacts/" + raw + "/download?expires=9999999999&signature=x").status()).isEqualTo(403);
    }

    @Test
    void healthIncludesTheArtifactStore() {
        assertThat(http(null).get("/healthz").json().get("checks").get("artifacts").asString()).isEqualTo("ok");
    }
}

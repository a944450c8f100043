package io.rcmos.server.artifacts;

import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 artifact store against a real S3-compatible server (Adobe S3Mock) that this test starts as a process:
 * store → list → download through the presigned URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3ArtifactsIT {

    private static final String BUCKET = "rcm-artifacts-it";
    private static S3Server s3;
    private static int s3Port;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        IntegrationTest.engines(registry, io.rcmos.server.support.TestDatabases.freshDatabaseUrl());
        startS3();
        registry.add("rcm.artifacts.s3-endpoint", () -> "http://127.0.0.1:" + s3Port);
        registry.add("rcm.artifacts.s3-bucket", () -> BUCKET);
        registry.add("rcm.artifacts.s3-access-key-id", () -> "test-key");
        registry.add("rcm.artifacts.s3-secret-access-key", () -> "test-secret");
    }

    private static void startS3() throws Exception {
        if (s3 == null) {
            s3 = S3Server.start(BUCKET);
            s3Port = s3.port();
        }
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Artifacts artifacts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesListsAndServesThroughPresignedUrls() throws Exception {
        UUID runId = ArtifactsIT.insertRun(jdbc);
        byte[] dom = "<html><body>masked</body></html>".getBytes(StandardCharsets.UTF_8);
        UUID id = artifacts.store(runId, "dom", "benefits", "text/html", dom);

        Http http = new Http("http://127.0.0.1:" + port, "Bearer " + tokens.issue("s3-it", Role.OPERATOR, "test").token());
        JsonNode entry = http.get("/runs/" + runId + "/artifacts").json().get(0);
        assertThat(entry.get("artifact_id").asString()).isEqualTo(id.toString());
        String url = entry.get("url").asString();
        assertThat(url).startsWith("http://127.0.0.1:" + s3Port + "/" + BUCKET + "/runs/" + runId).contains("X-Amz-Signature");

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(dom);
        assertThat(new Http("http://127.0.0.1:" + port, null).get("/healthz").json().get("checks").get("artifacts").asString()).isEqualTo("ok");
    }
}

package io.rcmos.server.platform;

import io.rcmos.server.RcmApplication;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded defaults, as `./rcm up` runs them: no engine configured, so embedded PostgreSQL under RCM_HOME,
 * Temporal's server in-process over gRPC, the demo channel. Two instances run side by side on free ports, and an
 * instance restarted on the same RCM_HOME keeps its runs and finishes the unfinished ones.
 */
class EmbeddedRuntimeIT {

    private static ConfigurableApplicationContext start(Path home) {
        // command-line arguments outrank application.yml (builder "properties" would not)
        return new SpringApplicationBuilder(RcmApplication.class)
                .run("--rcm.home=" + home, "--server.port=0", "--rcm.database.url=", "--rcm.temporal.address=",
                        "--rcm.events.redis-url=", "--rcm.artifacts.s3-endpoint=", "--rcm.security.admin-password=embedded-pass-1",
                        "--rcm.runs.demo-channel=true");
    }

    private static Http client(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        String token = app.getBean(ApiTokens.class).issue("embedded-it", Role.OPERATOR, "test").token();
        return new Http("http://127.0.0.1:" + port, "Bearer " + token);
    }

    private static String body(String member) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "demo",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "John", "last_name": "Doe", "date_of_birth": "1980-01-31"}}}"""
                .formatted(member);
    }

    private static JsonNode awaitStatus(Http http, String runId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(http.get("/runs/" + runId).json().get("status").asString()));
        return http.get("/runs/" + runId).json();
    }

    @Test
    void twoEmbeddedInstancesRunSideBySideAndSurviveARestart() throws Exception {
        Path homeA = Files.createTempDirectory("rcm-home-a");
        Path homeB = Files.createTempDirectory("rcm-home-b");
        String waitingRun;
        try (ConfigurableApplicationContext a = start(homeA); ConfigurableApplicationContext b = start(homeB)) {
            Http httpA = client(a);
            Http httpB = client(b);
            assertThat(httpA.get("/healthz").status()).isEqualTo(200);
            assertThat(httpB.get("/healthz").status()).isEqualTo(200);
            assertThat(Files.readString(homeA.resolve("run/postgres.port"))).isNotEqualTo(Files.readString(homeB.resolve("run/postgres.port")));
            assertThat(Files.readString(homeA.resolve("run/temporal.address"))).isNotEqualTo(Files.readString(homeB.resolve("run/temporal.address")));
            JsonNode info = httpA.get("/info").json();
            assertThat(info.get("engines").get("database").asString()).isEqualTo("embedded");
            assertThat(info.get("engines").get("temporal").asString()).isEqualTo("embedded");

            var done = httpA.postJson("/runs", body("EMB100"));
            assertThat(done.status()).as(done.body()).isEqualTo(201);
            JsonNode run = awaitStatus(httpA, done.json().get("run_id").asString(), "succeeded");
            assertThat(run.get("route").asString()).isEqualTo("demo");
            assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
            // the other instance has its own database
            assertThat(httpB.get("/runs/" + done.json().get("run_id").asString()).status()).isEqualTo(404);

            var parked = httpA.postJson("/runs", body("MFA200"));
            waitingRun = parked.json().get("run_id").asString();
            awaitStatus(httpA, waitingRun, "waiting_for_human");
        }
        // same RCM_HOME: the database kept everything; the in-memory Temporal server did not, so the run is re-attached
        try (ConfigurableApplicationContext again = start(homeA)) {
            Http http = client(again);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    http.postJson("/runs/" + waitingRun + "/mfa", "{\"code\": \"123456\"}").status() == 202);
            JsonNode run = awaitStatus(http, waitingRun, "succeeded");
            assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
        }
    }

    /**
     * Killing the server in the middle of a batch loses and duplicates nothing: after the restart the batch workflow
     * and the unfinished runs are re-attached, and every valid row ends with exactly one run.
     */
    @Test
    void aBatchInterruptedByARestartFinishesWithOneRunPerRow() throws Exception {
        Path home = Files.createTempDirectory("rcm-home-batch");
        int rows = 3000;
        StringBuilder csv = new StringBuilder("Member ID,Last Name,DOB,NPI,Practice\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("RST").append(String.format("%06d", i)).append(",Doe,1980-01-31,1999999984,Sunrise\n");
        }
        String batchId;
        try (ConfigurableApplicationContext first = start(home)) {
            Http http = client(first);
            Http.Response created = http.send(http.builder("/batches?purpose=eligibility&payer_id=87726&route=demo")
                    .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv.toString())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            batchId = created.json().get("batch_id").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/batches/" + batchId).json().get("counts").get("succeeded").asLong() > 0);
            assertThat(http.get("/batches/" + batchId).json().get("finished_at").isNull()).as("stopped mid-batch").isTrue();
        }
        try (ConfigurableApplicationContext again = start(home)) {
            Http http = client(again);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !http.get("/batches/" + batchId).json().get("finished_at").isNull());
            JsonNode batch = http.get("/batches/" + batchId).json();
            assertThat(batch.get("status").asString()).isEqualTo("completed");
            assertThat(batch.get("counts").get("succeeded").asLong()).as(batch.toString()).isEqualTo(rows);
            org.springframework.jdbc.core.simple.JdbcClient jdbc = again.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from runs where batch_id = ?::uuid").param(batchId).query(Long.class).single())
                    .as("no row ran twice").isEqualTo(rows);
            assertThat(jdbc.sql("select count(distinct run_id) from batch_items where batch_id = ?::uuid").param(batchId)
                    .query(Long.class).single()).as("no row lost").isEqualTo(rows);
        }
    }
}

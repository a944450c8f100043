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
}

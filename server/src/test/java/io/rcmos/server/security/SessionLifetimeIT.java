package io.rcmos.server.security;

import io.rcmos.server.support.ConsoleSession;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long a console session lives: it ends after the idle timeout without activity by the person (auto-refresh and
 * the event stream are not activity), lives on while the person works, and an open event stream closes as soon as its
 * session or token is revoked. Idle timeout and heartbeat are shortened here; production uses 30 min and 15 s.
 */
@TestPropertySource(properties = {"rcm.security.idle-timeout=3s", "rcm.events.heartbeat=300ms"})
class SessionLifetimeIT extends IntegrationTest {

    private static final String PASSWORD = "copper-kettle-window-58";

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void forgetSignInAttempts() {
        jdbc.sql("delete from sign_in_attempts").update();
        jdbc.sql("delete from sign_in_locks").update();
    }

    private JsonNode person(String role) {
        String username = "s-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response r = http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "Sam", "role": "%s", "password": "%s"}""".formatted(username, role, PASSWORD));
        assertThat(r.status()).isEqualTo(201);
        return r.json();
    }

    private ConsoleSession signIn(JsonNode user) {
        ConsoleSession s = new ConsoleSession(baseUrl());
        assertThat(s.signIn(user.get("username").asString(), PASSWORD).status()).isEqualTo(200);
        return s;
    }

    @Test
    void anIdleSessionEndsEvenWhileTheConsoleRefreshesInTheBackground() {
        JsonNode user = person("reviewer");
        ConsoleSession s = signIn(user);
        Instant signedIn = Instant.now();
        // the console keeps polling and streaming on its own; that is not the person working
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> s.get("/inbox", "X-RCM-Background", "1").status() == 401);
        assertThat(Duration.between(signedIn, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        Http.Response after = s.get("/auth/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.session.expired' and target_id = ?")
                .param(user.get("username").asString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSessionInUseStaysAlivePastTheIdleTimeout() {
        ConsoleSession s = signIn(person("operator"));
        // twice the idle timeout, working every second: every answer stays 200
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofSeconds(1))
                .until(() -> s.get("/runs?limit=1").status() == 200);
        assertThat(s.get("/auth/me").status()).isEqualTo(200);
    }

    /** Completes when the server ends the stream (a reset connection is an end too). */
    private static CompletableFuture<Void> endOf(HttpResponse<InputStream> stream) {
        return CompletableFuture.runAsync(() -> {
            try (InputStream in = stream.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // ended
            }
        });
    }

    @Test
    void anOpenEventStreamClosesWhenItsPersonIsDisabled() throws Exception {
        JsonNode user = person("operator");
        ConsoleSession s = signIn(user);
        HttpResponse<InputStream> stream = s.stream("/events");
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<Void> ended = endOf(stream);
        // open across several heartbeats (each re-checks the session) while the session is good
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !ended.isDone());

        http(Role.ADMIN).send("PATCH", "/users/" + user.get("user_id").asString(), "application/json", "{\"disabled\": true}");
        ended.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anOpenEventStreamClosesWhenItsTokenIsRevoked() throws Exception {
        JsonNode issued = http(Role.ADMIN).postJson("/auth/tokens", "{\"name\": \"wallboard\", \"role\": \"viewer\"}").json();
        Http viewer = new Http(baseUrl(), "Bearer " + issued.get("token").asString());
        HttpResponse<InputStream> stream = java.net.http.HttpClient.newHttpClient().send(
                viewer.builder("/events").header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<Void> ended = endOf(stream);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !ended.isDone());
        assertThat(http(Role.ADMIN).delete("/auth/tokens/" + issued.get("token_id").asString()).status()).isEqualTo(204);
        ended.get(5, TimeUnit.SECONDS);
    }
}

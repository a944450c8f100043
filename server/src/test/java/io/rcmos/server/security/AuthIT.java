package io.rcmos.server.security;

import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Console sessions with CSRF, HTTP Basic only for issuing tokens, token revocation — and every step audited. */
class AuthIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    private record Browser(HttpClient client, CookieManager cookies) {
    }

    private static Browser browser() {
        CookieManager cookies = new CookieManager();
        return new Browser(HttpClient.newBuilder().cookieHandler(cookies).build(), cookies);
    }

    private HttpResponse<String> send(Browser b, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return b.client().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private long audited(String action, String actor) {
        return jdbc.sql("select count(*) from audit_log where action = ? and actor = ?").params(action, actor).query(Long.class).single();
    }

    @Test
    void consoleSessionIsCsrfProtectedAndEndsAtLogout() throws Exception {
        Browser b = browser();
        var bad = send(b, "POST", "/auth/login", "{\"username\": \"admin\", \"password\": \"Hunter2-Nope\"}");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(bad.body()).get("code").asString()).isEqualTo("bad_credentials");
        assertThat(bad.body()).doesNotContain("Hunter2-Nope");

        var missing = send(b, "POST", "/auth/login", "{\"username\": \"admin\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("errors").get(0).get("field").asString()).isEqualTo("password");

        var ok = send(b, "POST", "/auth/login", "{\"username\": \"admin\", \"password\": \"" + TestUsers.ADMIN_PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode login = JSON.readTree(ok.body());
        assertThat(login.get("role").asString()).isEqualTo("admin");
        String csrf = login.get("csrf_token").asString();
        assertThat(b.cookies().getCookieStore().getCookies()).extracting(HttpCookie::getName).contains("RCM_SESSION", "XSRF-TOKEN");

        assertThat(JSON.readTree(send(b, "GET", "/auth/me", null).body()).get("username").asString()).isEqualTo("admin");
        String run = """
                {"purpose": "eligibility", "payer_id": "87726", "route": "test",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Clinic"},
                           "subscriber": {"member_id": "SESSION1", "last_name": "Doe"}}}""";
        var noToken = send(b, "POST", "/runs", run);
        assertThat(noToken.statusCode()).isEqualTo(403);
        var withToken = send(b, "POST", "/runs", run, "X-XSRF-TOKEN", csrf);
        assertThat(withToken.statusCode()).isIn(200, 201);

        assertThat(send(b, "POST", "/auth/logout", null, "X-XSRF-TOKEN", csrf).statusCode()).isEqualTo(204);
        assertThat(send(b, "GET", "/auth/me", null).statusCode()).isEqualTo(401);
        assertThat(audited("auth.login", "admin")).isGreaterThanOrEqualTo(1);
        assertThat(audited("auth.login.failed", "admin")).isGreaterThanOrEqualTo(1);
        assertThat(audited("auth.logout", "admin")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where details like '%Hunter2%'").query(Long.class).single()).isZero();
    }

    @Test
    void basicAuthIssuesTokensAndNothingElse() throws Exception {
        Browser b = browser();
        var issued = send(b, "POST", "/auth/tokens", "{\"name\": \"script\", \"role\": \"viewer\"}",
                "Authorization", basic("admin", TestUsers.ADMIN_PASSWORD));
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(issued.body());
        assertThat(token.get("token").asString()).startsWith("rcm_");
        assertThat(token.get("role").asString()).isEqualTo("viewer");
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = ?").param(token.get("token").asString())
                .query(Long.class).single()).as("stored hashed, never in clear").isZero();

        assertThat(send(b, "POST", "/auth/tokens", "{\"name\": \"x\", \"role\": \"viewer\"}",
                "Authorization", basic("admin", "nope")).statusCode()).isEqualTo(401);
        assertThat(send(b, "GET", "/runs", null, "Authorization", basic("admin", TestUsers.ADMIN_PASSWORD)).statusCode())
                .as("Basic works only for issuing tokens").isEqualTo(401);

        Http viewer = new Http(baseUrl(), "Bearer " + token.get("token").asString());
        assertThat(viewer.get("/runs").status()).isEqualTo(200);
        assertThat(viewer.postJson("/auth/tokens", "{\"name\": \"y\", \"role\": \"admin\"}").status()).isEqualTo(403);

        assertThat(http(Role.ADMIN).delete("/auth/tokens/" + token.get("token_id").asString()).status()).isEqualTo(204);
        assertThat(viewer.get("/runs").status()).isEqualTo(401);
        assertThat(http(Role.ADMIN).delete("/auth/tokens/" + token.get("token_id").asString()).status()).isEqualTo(404);
        assertThat(http(Role.ADMIN).delete("/auth/tokens/not-a-uuid").json().get("errors").get(0).get("field").asString()).isEqualTo("token_id");
        assertThat(http(Role.ADMIN).get("/auth/tokens").body()).contains("script").doesNotContain(token.get("token").asString());
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('token.issued', 'token.revoked') and target_id = ?")
                .param(token.get("token_id").asString()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void tokenRequestsAreValidated() {
        var r = http(Role.ADMIN).postJson("/auth/tokens", "{\"name\": \"\", \"role\": \"superuser\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").toString()).contains("\"name\"").contains("\"role\"");
        assertThat(http(null).send("GET", "/runs", null, null).status()).isEqualTo(401);
        assertThat(new Http(baseUrl(), "Bearer rcm_forged").get("/runs").status()).isEqualTo(401);
    }
}

package io.rcmos.server.security;

import io.rcmos.server.support.Http;
import io.rcmos.server.support.ConsoleSession;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every role (anonymous, viewer, reviewer, operator, admin) gets the answer api.md specifies:
 * 401 for anonymous callers of protected endpoints, 403 for roles without the right, anything else for roles with
 * it. The table must cover every handler mapping of the running application: a new endpoint without a row here
 * fails this test.
 */
class EndpointRolesIT extends IntegrationTest {

    /** Who may call an endpoint; {@code PUBLIC} needs no authentication at all. */
    private enum Access { PUBLIC, ANY_ROLE, ADMIN_ONLY, OPERATORS, RUN_READERS, EVIDENCE, HUMAN_LOOP, QA }

    private static final Map<Access, Set<Role>> ALLOWED = Map.of(
            Access.PUBLIC, EnumSet.allOf(Role.class),
            Access.ANY_ROLE, EnumSet.allOf(Role.class),
            Access.ADMIN_ONLY, EnumSet.of(Role.ADMIN),
            Access.OPERATORS, EnumSet.of(Role.ADMIN, Role.OPERATOR),
            Access.RUN_READERS, EnumSet.allOf(Role.class),
            Access.EVIDENCE, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.REVIEWER),
            Access.HUMAN_LOOP, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.REVIEWER),
            Access.QA, EnumSet.of(Role.ADMIN, Role.REVIEWER));

    /** "METHOD pattern" → access, for every endpoint of api.md that exists in the app (and some that come later). */
    private static final Map<String, Access> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("GET /healthz", Access.PUBLIC);
        TABLE.put("GET /livez", Access.PUBLIC);
        TABLE.put("GET /readyz", Access.PUBLIC);
        TABLE.put("GET /version", Access.PUBLIC);
        TABLE.put("POST /auth/login", Access.PUBLIC);
        TABLE.put("POST /webhooks/stedi", Access.PUBLIC);
        TABLE.put("GET /artifacts/{artifactId}/download", Access.PUBLIC);
        TABLE.put("POST /auth/logout", Access.ANY_ROLE);
        TABLE.put("GET /auth/me", Access.ANY_ROLE);
        TABLE.put("POST /auth/password", Access.ANY_ROLE);
        TABLE.put("GET /users", Access.ADMIN_ONLY);
        TABLE.put("GET /users/{id}", Access.ADMIN_ONLY);
        TABLE.put("POST /users", Access.ADMIN_ONLY);
        TABLE.put("PATCH /users/{id}", Access.ADMIN_ONLY);
        TABLE.put("POST /users/{id}/password-reset", Access.ADMIN_ONLY);
        TABLE.put("POST /auth/tokens", Access.ADMIN_ONLY);
        TABLE.put("GET /auth/tokens", Access.ADMIN_ONLY);
        TABLE.put("DELETE /auth/tokens/{tokenId}", Access.ADMIN_ONLY);
        TABLE.put("GET /info", Access.ANY_ROLE);
        TABLE.put("GET /schemas", Access.ANY_ROLE);
        TABLE.put("GET /schemas/{name}", Access.ANY_ROLE);
        TABLE.put("GET /metrics", Access.ANY_ROLE);
        TABLE.put("GET /openapi.json", Access.ANY_ROLE);
        TABLE.put("GET /openapi.json/swagger-config", Access.ANY_ROLE);
        TABLE.put("GET /openapi.json.yaml", Access.ANY_ROLE);
        TABLE.put("GET /swagger-ui.html", Access.ANY_ROLE);
        TABLE.put("GET /events", Access.ANY_ROLE);
        TABLE.put("POST /runs", Access.OPERATORS);
        TABLE.put("GET /runs", Access.RUN_READERS);
        TABLE.put("GET /runs/{id}", Access.RUN_READERS);
        TABLE.put("POST /runs/{id}/mfa", Access.HUMAN_LOOP);
        TABLE.put("POST /runs/{id}/rerun", Access.OPERATORS);
        TABLE.put("GET /errors/advice", Access.ANY_ROLE);
        TABLE.put("GET /runs/{id}/artifacts", Access.EVIDENCE);
        TABLE.put("GET /artifacts/{artifactId}/raw", Access.ADMIN_ONLY);
        TABLE.put("GET /artifacts/{artifactId}", Access.EVIDENCE);
        TABLE.put("GET /payers", Access.ANY_ROLE);
        TABLE.put("GET /payers/{payerId}", Access.ANY_ROLE);
        TABLE.put("GET /flags", Access.ANY_ROLE);
        TABLE.put("GET /flags/{payerId}/{purpose}", Access.ANY_ROLE);
        TABLE.put("PUT /flags/{payerId}/{purpose}", Access.ADMIN_ONLY);
        TABLE.put("GET /inbox", Access.HUMAN_LOOP);
        TABLE.put("GET /inbox/{id}", Access.HUMAN_LOOP);
        TABLE.put("POST /inbox/{id}/claim", Access.HUMAN_LOOP);
        TABLE.put("POST /inbox/{id}/release", Access.HUMAN_LOOP);
        TABLE.put("POST /inbox/{id}/resolve", Access.HUMAN_LOOP);
        TABLE.put("GET /qa/reviews", Access.QA);
        TABLE.put("POST /qa/reviews/{id}", Access.QA);
        TABLE.put("GET /metrics/summary", Access.ANY_ROLE);
        TABLE.put("POST /batches", Access.OPERATORS);
        TABLE.put("POST /batches/preview", Access.OPERATORS);
        TABLE.put("GET /batches", Access.ANY_ROLE);
        TABLE.put("GET /batches/{id}", Access.ANY_ROLE);
        TABLE.put("GET /batches/{id}/errors", Access.ANY_ROLE);
        TABLE.put("GET /batches/{id}/results", Access.EVIDENCE);
        TABLE.put("POST /batches/{id}/cancel", Access.OPERATORS);
        TABLE.put("POST /batches/{id}/rerun-failed", Access.OPERATORS);
        TABLE.put("GET /audit", Access.ADMIN_ONLY);
        TABLE.put("GET /audit/verify", Access.ADMIN_ONLY);
        TABLE.put("GET /audit/checkpoints", Access.ADMIN_ONLY);
        TABLE.put("GET /audit/checkpoints/key", Access.PUBLIC);
    }

    @Autowired
    ApplicationContext context;

    /** Every "METHOD pattern" the running application serves (GET for mappings without a method). */
    private Set<String> appEndpoints() {
        Set<String> out = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/error")) {
                        continue;
                    }
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        out.add(m.name() + " " + pattern);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyEndpointHasARule() {
        Set<String> missing = new TreeSet<>(appEndpoints());
        missing.removeAll(TABLE.keySet());
        assertThat(missing).as("endpoints without a row in EndpointRolesIT.TABLE (and a rule in SecurityConfig)").isEmpty();
    }

    /** One caller of the matrix: the HTTP status it gets for a request (the body is not read: streams never end). */
    private interface Caller {
        int status(String method, String path, String contentType, String body);
    }

    @Test
    void everyRoleWithABearerTokenGetsTheSpecifiedAnswer() {
        Map<Role, Caller> callers = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            callers.put(role, http(role)::status);
        }
        assertMatrix(callers);
    }

    /**
     * Suite R5 for people: the same table with console sessions (cookie + CSRF token) of a person of each role. Signing
     * out ends the session, so after that row the person signs in again.
     */
    @Test
    void everyRoleSignedInToTheConsoleGetsTheSameAnswers() {
        String password = "matrix-lantern-harbor-88";
        Map<Role, Caller> callers = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String username = "matrix-" + role.wire() + "-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(http(Role.ADMIN).postJson("/users", """
                    {"username": "%s", "display_name": "Matrix", "role": "%s", "password": "%s"}""".formatted(username, role.wire(), password))
                    .status()).isEqualTo(201);
            ConsoleSession[] session = {signedIn(username, password)};
            callers.put(role, (method, path, contentType, body) -> {
                int status = session[0].status(method, path, contentType, body);
                if (path.equals("/auth/logout")) {
                    session[0] = signedIn(username, password);
                }
                return status;
            });
        }
        assertMatrix(callers);
    }

    private ConsoleSession signedIn(String username, String password) {
        ConsoleSession s = new ConsoleSession(baseUrl());
        assertThat(s.signIn(username, password).status()).isEqualTo(200);
        return s;
    }

    private void assertMatrix(Map<Role, Caller> callers) {
        Set<String> present = appEndpoints();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (var row : TABLE.entrySet()) {
            if (!present.contains(row.getKey())) {
                continue;
            }
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = row.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Access access = row.getValue();
            String body = "POST".equals(method) || "PUT".equals(method) ? "{}" : null;

            int anonymous = http(null).status(method, path, body == null ? null : "application/json", body);
            cells++;
            // signed downloads and webhooks carry their own credential (a URL signature, a webhook secret): no role
            // may change their answer, and an invalid credential is refused alike for everyone
            boolean ownCredential = row.getKey().endsWith("/download") || row.getKey().startsWith("POST /webhooks/");
            if (!ownCredential && (access == Access.PUBLIC ? anonymous == 401 : anonymous != 401)) {
                wrong.add(row.getKey() + " anonymous -> " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = callers.get(role).status(method, path, body == null ? null : "application/json", body);
                cells++;
                boolean allowed = ALLOWED.get(access).contains(role);
                if (ownCredential ? status != anonymous : allowed ? (status == 401 || status == 403) : status != 403) {
                    wrong.add(row.getKey() + " " + role.wire() + " -> " + status);
                }
            }
        }
        assertThat(wrong).as("cells that differ from the table").isEmpty();
        assertThat(cells).isGreaterThan(80);
    }
}

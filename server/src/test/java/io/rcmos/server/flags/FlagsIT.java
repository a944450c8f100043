package io.rcmos.server.flags;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Flags change the route actually taken, on the next run, without a restart; changes are validated and audited. */
class FlagsIT extends IntegrationTest {

    private static final String AETNA = "60054"; // Availity fronts it for eligibility (config/payers/aetna.yaml)

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        jdbc.sql("delete from feature_flags where payer_id = ?").param(AETNA).update();
    }

    private String autoRun() {
        String member = "SIM" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode() % 10_000_000)) + "0";
        var created = http(Role.OPERATOR).postJson("/runs", """
                {"purpose": "eligibility", "payer_id": "%s", "route": "auto",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Ann", "last_name": "Lee", "date_of_birth": "1990-01-01"}}}"""
                .formatted(AETNA, member));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = created.json().get("run_id").asString();
        Http op = http(Role.OPERATOR);
        await().atMost(Duration.ofSeconds(90)).until(() -> List.of("succeeded", "failed").contains(op.get("/runs/" + runId).json().get("status").asString()));
        JsonNode run = op.get("/runs/" + runId).json();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        return run.get("route").asString();
    }

    private Http.Response put(Role role, String body) {
        return http(role).putJson("/flags/" + AETNA + "/eligibility", body);
    }

    @Test
    void flagsDecideTheRouteOfTheNextRun() {
        JsonNode defaults = http(Role.VIEWER).get("/flags/" + AETNA + "/eligibility").json();
        assertThat(defaults.get("clearinghouse_enabled").asBoolean()).isTrue();
        assertThat(defaults.get("prefer").asString()).isEqualTo("clearinghouse");
        assertThat(autoRun()).isEqualTo("clearinghouse");

        assertThat(put(Role.ADMIN, "{\"clearinghouse_enabled\": false}").status()).isEqualTo(200);
        assertThat(autoRun()).as("clearinghouse switched off: the portal answers").isEqualTo("portal");

        assertThat(put(Role.ADMIN, "{\"clearinghouse_enabled\": true, \"prefer\": \"portal\"}").status()).isEqualTo(200);
        assertThat(autoRun()).as("portal preferred").isEqualTo("portal");

        assertThat(put(Role.ADMIN, "{\"prefer\": \"clearinghouse\"}").status()).isEqualTo(200);
        assertThat(autoRun()).isEqualTo("clearinghouse");
        assertThat(http(Role.VIEWER).get("/flags").json().findValuesAsString("payer_id")).contains(AETNA);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'flags.changed' and target_id = ?")
                .param(AETNA + "/eligibility").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aChangeWithSeveralProblemsNamesThemAllAndChangesNothing() {
        var r = put(Role.ADMIN, "{\"portal_enabeld\": true, \"prefer\": \"fax\", \"human_fallback\": \"yes\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("portal_enabeld", "prefer", "human_fallback");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("did you mean portal_enabled?");
        assertThat(r.json().get("detail").asString()).contains("prefer").contains("human_fallback");
        var path = http(Role.ADMIN).putJson("/flags/60-054/coverage", "{\"prefer\": 1}");
        assertThat(path.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("payer_id", "purpose", "prefer");
        assertThat(jdbc.sql("select count(*) from feature_flags where payer_id = ?").param(AETNA).query(Long.class).single()).isZero();
    }

    @Test
    void badChangesAre400NamingTheFieldAndOnlyAdminsMayChange() {
        var unknown = put(Role.ADMIN, "{\"turbo\": true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("turbo");
        var prefer = put(Role.ADMIN, "{\"prefer\": \"fax\"}");
        assertThat(prefer.status()).isEqualTo(400);
        assertThat(prefer.body()).contains("prefer");
        assertThat(put(Role.ADMIN, "{\"portal_enabled\": \"yes\"}").status()).isEqualTo(400);
        assertThat(http(Role.ADMIN).putJson("/flags/" + AETNA + "/dental", "{}").status()).isEqualTo(400);
        assertThat(put(Role.OPERATOR, "{\"portal_enabled\": false}").status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from feature_flags where payer_id = ?").param(AETNA).query(Long.class).single()).isZero();
    }
}

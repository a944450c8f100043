package io.rcmos.server.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Run helpers for integration tests: submit, wait for a status, read timelines and events. */
public final class Runs {

    private final Http http;
    private final JdbcClient jdbc;

    public Runs(Http http, JdbcClient jdbc) {
        this.http = http;
        this.jdbc = jdbc;
    }

    /** Submits a run and returns its id (201 required). */
    public String submit(String body) {
        Http.Response created = http.postJson("/runs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("run_id").asString();
    }

    public JsonNode get(String runId) {
        return http.get("/runs/" + runId).json();
    }

    public JsonNode awaitStatus(String runId, String status) {
        return awaitStatus(runId, status, Duration.ofSeconds(60));
    }

    public JsonNode awaitStatus(String runId, String status, Duration atMost) {
        await().atMost(atMost).until(() -> status.equals(get(runId).get("status").asString())
                || Set.of("succeeded", "failed").contains(get(runId).get("status").asString()));
        JsonNode run = get(runId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo(status);
        return run;
    }

    /** The run's timeline as "type detail" lines. */
    public List<String> timeline(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("timeline").forEach(t -> out.add(t.get("type").asString() + " " + t.path("detail").asString("")));
        return out;
    }

    public List<String> eventTypes(String runId) {
        return jdbc.sql("select type from outbox_events where run_id = ?::uuid order by id").param(runId).query(String.class).list();
    }

    /** The payloads of the run's events of one type, as JSON text. */
    public List<String> events(String runId, String type) {
        return jdbc.sql("select payload::text from outbox_events where run_id = ?::uuid and type = ? order by id")
                .params(runId, type).query(String.class).list();
    }

    public static String eligibility(String payerId, String route, String memberId, String first, String last, String dob) {
        return """
                {"purpose": "eligibility", "payer_id": "%s", "route": "%s",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s", "date_of_birth": "%s"},
                           "service_type_codes": ["30"]}}""".formatted(payerId, route, memberId, first, last, dob);
    }
}

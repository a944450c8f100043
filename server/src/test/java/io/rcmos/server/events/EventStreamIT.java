package io.rcmos.server.events;

import io.rcmos.server.platform.Ledger;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamIT extends IntegrationTest {

    @Autowired
    Events events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Ledger ledger;

    @Autowired
    OutboxReader outbox;

    /** Appends in a transaction of its own; answers the event's position (its SSE id), given by the ledger after commit. */
    private long append(String type, UUID runId) {
        long id = tx.execute(s -> events.append(type, runId, null, Map.of("n", type)));
        ledger.flush();
        return outbox.position(id).orElseThrow();
    }

    private SseClient open(String query, String lastEventId) {
        return new SseClient(baseUrl() + "/events" + query, tokens().bearer(Role.VIEWER), lastEventId);
    }

    @Test
    void deliversLiveEventsMatchingTheFilters() throws Exception {
        UUID run = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (SseClient sse = open("?run_id=" + run + "&type=run.*", null)) {
            assertThat(sse.status()).isEqualTo(200);
            long a = append("run.created", run);
            append("run.created", other);
            append("breakpoint.mfa.requested", run);
            long b = append("run.succeeded", run);
            List<SseClient.Message> got = sse.take(2, Duration.ofSeconds(10));
            assertThat(got).extracting(SseClient.Message::id).containsExactly(a, b);
            assertThat(got).extracting(SseClient.Message::event).containsExactly("run.created", "run.succeeded");
            SseClient.Message first = got.get(0);
            assertThat(first.data().get("type").asString()).isEqualTo("run.created");
            assertThat(first.data().get("run_id").asString()).isEqualTo(run.toString());
            assertThat(first.data().get("payload").get("n").asString()).isEqualTo("run.created");
            assertThat(first.data().has("ts")).isTrue();
            assertThat(first.data().get("source").asString()).isEqualTo("rcm-os");
            assertThat(sse.next(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void lastEventIdReplaysWhatWasMissedThenContinuesLive() throws Exception {
        UUID run = UUID.randomUUID();
        long e1 = append("run.created", run);
        long e2 = append("run.started", run);
        long e3 = append("run.attempted", run);
        try (SseClient sse = open("?run_id=" + run, Long.toString(e1))) {
            List<SseClient.Message> replayed = sse.take(2, Duration.ofSeconds(10));
            assertThat(replayed).extracting(SseClient.Message::id).containsExactly(e2, e3);
            long e4 = append("run.succeeded", run);
            assertThat(sse.take(1, Duration.ofSeconds(10)).get(0).id()).isEqualTo(e4);
            assertThat(sse.next(Duration.ofMillis(500))).as("no duplicate at the seam").isNull();
        }
        try (SseClient sse = new SseClient(baseUrl() + "/events?run_id=" + run + "&last_event_id=" + e3, tokens().bearer(Role.VIEWER), null)) {
            assertThat(sse.take(1, Duration.ofSeconds(10)).get(0).event()).isEqualTo("run.succeeded");
        }
    }

    @Test
    void runLifecycleArrivesOverSse() throws Exception {
        try (SseClient sse = open("?type=run.created,run.succeeded", null)) {
            assertThat(sse.status()).isEqualTo(200);
            var created = http(Role.OPERATOR).postJson("/runs", """
                    {"purpose": "eligibility", "payer_id": "87726", "route": "test",
                     "input": {"provider": {"npi": "1999999984", "organization_name": "Clinic"},
                               "subscriber": {"member_id": "SSE%s", "last_name": "Doe"}}}""".formatted(UUID.randomUUID().toString().substring(0, 6)));
            String runId = created.json().get("run_id").asString();
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!seen.contains("run.succeeded") && System.currentTimeMillis() < deadline) {
                SseClient.Message m = sse.next(Duration.ofSeconds(1));
                if (m != null && runId.equals(m.data().get("run_id").asString())) {
                    seen.add(m.event());
                }
            }
            assertThat(seen).containsExactly("run.created", "run.succeeded");
        }
    }

    @Test
    void badParametersAre400() {
        assertThat(http(Role.VIEWER).get("/events?run_id=nope").json().get("errors").get(0).get("field").asString()).isEqualTo("run_id");
        assertThat(http(Role.VIEWER).get("/events?type=Run!").status()).isEqualTo(400);
        var r = http(Role.VIEWER).send(http(Role.VIEWER).builder("/events").header("Last-Event-ID", "abc").GET());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("Last-Event-ID");
        assertThat(http(null).get("/events").status()).isEqualTo(401);
    }
}

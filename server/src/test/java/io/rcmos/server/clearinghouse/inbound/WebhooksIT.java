package io.rcmos.server.clearinghouse.inbound;

import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook intake: authentic deliveries once; unsigned, stale, tampered or unknown-secret deliveries 401 and change nothing. */
class WebhooksIT extends IntegrationTest {

    private static final byte[] OLD = "old-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("rcm.stedi.webhook-secrets", () -> "whsec_" + Base64.getEncoder().encodeToString(NEW)
                + ",whsec_" + Base64.getEncoder().encodeToString(OLD));
        registry.add("rcm.stedi.webhook-api-key", () -> "classic-key-42");
    }

    @Autowired
    JdbcClient jdbc;

    private static String body(String id, String direction) {
        return """
                {"version": "0", "id": "%s", "detail-type": "transaction.processed.v2", "source": "stedi.core",
                 "detail": {"transactionId": "tx-%s", "direction": "%s", "mode": "test"}}""".formatted(id, id, direction);
    }

    private Http.Response send(String body, String id, long ts, byte[] secret, boolean tamper) {
        String signature = "v1," + Base64.getEncoder().encodeToString(WebhookVerifier.hmac(secret,
                (id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        Http http = http(null);
        return http.send(http.builder("/webhooks/stedi").header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", "v1,bm9wZQ== " + signature)
                .POST(HttpRequest.BodyPublishers.ofString(tamper ? body.replace("test", "prod") : body)));
    }

    private long eventsFor(String id) {
        return jdbc.sql("select count(*) from outbox_events where type = 'clearinghouse.webhook.received' and payload->>'delivery_id' = ?")
                .param(id).query(Long.class).single();
    }

    @Test
    void signedDeliveryIsAcceptedOnceAndRetriesAreNoOps() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        var first = send(body(id, "INBOUND"), id, now, NEW, false);
        assertThat(first.status()).isEqualTo(202);
        var retry = send(body(id, "INBOUND"), id, now, NEW, false);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(eventsFor(id)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'clearinghouse.webhook.received' and target_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRetiringSecretStillVerifiesDuringRotation() {
        String id = "msg_" + UUID.randomUUID();
        assertThat(send(body(id, "INBOUND"), id, Instant.now().getEpochSecond(), OLD, false).status()).isEqualTo(202);
    }

    @Test
    void unsignedStaleTamperedOrForeignDeliveriesAre401AndChangeNothing() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        assertThat(send(body(id, "INBOUND"), id, now - 3600, NEW, false).status()).as("stale").isEqualTo(401);
        assertThat(send(body(id, "INBOUND"), id, now, NEW, true).status()).as("tampered").isEqualTo(401);
        assertThat(send(body(id, "INBOUND"), id, now, "someone-else".getBytes(StandardCharsets.UTF_8), false).status())
                .as("unknown secret").isEqualTo(401);
        var unsigned = http(null).send("POST", "/webhooks/stedi", "application/json", body(id, "INBOUND"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("code").asString()).isEqualTo("webhook_unauthentic");
        assertThat(eventsFor(id)).isZero();
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void classicKeyedDeliveriesWorkAndOutboundIsIgnored() {
        String id = "evt_" + UUID.randomUUID();
        Http http = http(null);
        var keyed = http.send(http.builder("/webhooks/stedi").header("Content-Type", "application/json").header("X-Webhook-Key", "classic-key-42")
                .POST(HttpRequest.BodyPublishers.ofString(body(id, "INBOUND"))));
        assertThat(keyed.status()).isEqualTo(202);
        var wrongKey = http.send(http.builder("/webhooks/stedi").header("Content-Type", "application/json").header("X-Webhook-Key", "nope")
                .POST(HttpRequest.BodyPublishers.ofString(body(id + "x", "INBOUND"))));
        assertThat(wrongKey.status()).isEqualTo(401);
        String out = "evt_" + UUID.randomUUID();
        var outbound = http.send(http.builder("/webhooks/stedi").header("Content-Type", "application/json").header("X-Webhook-Key", "classic-key-42")
                .POST(HttpRequest.BodyPublishers.ofString(body(out, "OUTBOUND"))));
        assertThat(outbound.status()).isEqualTo(200);
        assertThat(eventsFor(out)).isZero();
        var garbage = http.send(http.builder("/webhooks/stedi").header("Content-Type", "application/json").header("X-Webhook-Key", "classic-key-42")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void aPendingClaimIsFinalizedByTheWebhookItsRunReceives() {
        STEDI.webhooks().target(new io.rcmos.sim.stedi.Webhooks.Target(java.net.URI.create(baseUrl() + "/webhooks/stedi"),
                "whsec_" + Base64.getEncoder().encodeToString(NEW), java.time.Duration.ofMillis(100)));
        try {
            Http operator = http(io.rcmos.server.security.Role.OPERATOR);
            var created = operator.postJson("/runs", """
                    {"purpose": "claim_status", "payer_id": "87726", "route": "clearinghouse",
                     "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                               "subscriber": {"member_id": "SIM00000018", "first_name": "Maria", "last_name": "Lopez"},
                               "claim": {"patient_control_number": "PCN-WH-%s", "service_date_from": "2026-10-01",
                                         "service_date_to": "2026-10-02"}}}""".formatted(UUID.randomUUID().toString().substring(0, 8)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String runId = created.json().get("run_id").asString();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> operator.get("/runs/" + runId).json().at("/output/claims/0/status_category_code").asString("").equals("F1"));
            var run = operator.get("/runs/" + runId).json();
            assertThat(run.get("status").asString()).isEqualTo("succeeded");
            assertThat(run.at("/output/claims/0/amount_paid").decimalValue())
                    .isEqualByComparingTo(run.at("/output/claims/0/total_charge").decimalValue().multiply(new java.math.BigDecimal("0.80")));
            assertThat(run.get("timeline").findValuesAsString("type")).contains("run.succeeded", "run.updated");
            var artifacts = http(io.rcmos.server.security.Role.ADMIN).get("/runs/" + runId + "/artifacts").json();
            assertThat(artifacts.findValuesAsString("step")).contains("277", "277-webhook");
            assertThat(http(io.rcmos.server.security.Role.REVIEWER).get("/runs/" + runId + "/artifacts").json().findValuesAsString("step"))
                    .as("the payer's payloads are for admins only").doesNotContain("277", "277-webhook");
            assertThat(jdbc.sql("select count(*) from outbox_events where type = 'run.updated' and run_id = ?::uuid").param(runId)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from claim_status_watches where run_id = ?::uuid").param(runId).query(Long.class).single())
                    .as("the watch ends once the claim is final").isZero();
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'run.updated' and run_id = ?::uuid").param(runId)
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            STEDI.webhooks().target(null);
        }
    }

    @Test
    void anAnnounced277ThatCannotBeFetchedIsRefusedSoStediDeliversAgain() {
        String id = "msg_" + UUID.randomUUID();
        String body = """
                {"version": "0", "id": "%s", "detail-type": "transaction.processed.v2", "source": "stedi.core",
                 "detail": {"transactionId": "no-such-report", "direction": "INBOUND", "mode": "test",
                            "x12": {"metadata": {"transaction": {"transactionSetIdentifier": "277", "controlNumber": "0001"}}}}}"""
                .formatted(id);
        var refused = send(body, id, Instant.now().getEpochSecond(), NEW, false);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("code").asString()).isEqualTo("webhook_report_unavailable");
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(id).query(Long.class).single()).isZero();
        String traversal = body.replace("no-such-report", "../../eligibility/v3").replace(id, id + "t");
        assertThat(send(traversal, id + "t", Instant.now().getEpochSecond(), NEW, false).status()).isEqualTo(400);
    }
}

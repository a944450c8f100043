package io.rcmos.server.clearinghouse;

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
}

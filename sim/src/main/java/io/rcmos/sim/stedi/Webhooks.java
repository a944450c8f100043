package io.rcmos.sim.stedi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous 277 deliveries, as Stedi makes them: when a claim-status answer leaves a claim pending, the payer
 * finalizes it a little later; the simulator then keeps the new 277 as a report under a transaction id and POSTs a
 * {@code transaction.processed.v2} event to the configured URL, signed the Standard Webhooks way
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}
 * with the {@code whsec_} secret). A failed delivery is retried with doubling delays, like Stedi does for hours;
 * the receiver must fetch the report with {@code GET /change/medicalnetwork/reports/v2/{transactionId}/277}.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final DateTimeFormatter X12_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int ATTEMPTS = 6;

    /** Where deliveries go, the {@code whsec_…} signing secret, and how long after the answer the claim finalizes. */
    public record Target(URI url, String secret, Duration delay) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, JsonNode> reports = new ConcurrentHashMap<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile Target target;

    public void target(Target target) {
        this.target = target;
    }

    /** Deliveries answered 2xx by the receiver so far. */
    public int delivered() {
        return delivered.get();
    }

    public Optional<JsonNode> report(String transactionId) {
        return Optional.ofNullable(reports.get(transactionId));
    }

    /**
     * Called with each claim-status answer: when a claim is pending and a target is set, schedules its finalization
     * (paid at 80 % of the charge) and the delivery announcing it.
     */
    public void afterClaimStatus(JsonNode request, ObjectNode answer) {
        Target t = target;
        if (t == null || !pending(answer)) {
            return;
        }
        ObjectNode report = answer.deepCopy();
        LocalDate today = LocalDate.now();
        for (JsonNode item : report.path("claims")) {
            ObjectNode status = (ObjectNode) item.path("claimStatus");
            if (status.path("statusCategoryCode").asString("").startsWith("P")) {
                BigDecimal charge = new BigDecimal(status.path("submittedAmount").asString("0"));
                String paid = charge.multiply(new BigDecimal("0.80")).setScale(2, RoundingMode.HALF_UP).toPlainString();
                status.put("statusCategoryCode", "F1").put("statusCategoryCodeValue", "Finalized/Payment-The claim/line has been paid.")
                        .put("statusCode", "65").put("statusCodeValue", "Claim/line has been paid.")
                        .put("effectiveDate", X12_DATE.format(today)).put("amountPaid", paid)
                        .put("paidDate", X12_DATE.format(today)).put("checkIssueDate", X12_DATE.format(today))
                        .put("checkNumber", "EFT" + Math.abs(status.path("tradingPartnerClaimNumber").asString("").hashCode() % 1_000_000));
                for (JsonNode detail : item.path("serviceDetails")) {
                    ObjectNode service = (ObjectNode) detail.path("service");
                    service.put("amountPaid", new BigDecimal(service.path("submittedAmount").asString("0")).multiply(new BigDecimal("0.80"))
                            .setScale(2, RoundingMode.HALF_UP).toPlainString());
                    detail.path("status").forEach(s -> ((ObjectNode) s).put("statusCategoryCode", "F1").put("statusCode", "65")
                            .put("statusCategoryCodeValue", "Finalized/Payment-The claim/line has been paid."));
                }
            }
        }
        report.put("x12", X12Answers.claimStatus277(request, report));
        String transactionId = UUID.randomUUID().toString();
        reports.put(transactionId, report);
        scheduler.schedule(() -> deliver(t, transactionId, 1), t.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean pending(JsonNode answer) {
        for (JsonNode item : answer.path("claims")) {
            if (item.path("claimStatus").path("statusCategoryCode").asString("").startsWith("P")) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Target t, String transactionId, int attempt) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = Instant.now().getEpochSecond();
        String body = json.writeValueAsString(event(id, transactionId));
        try {
            HttpRequest request = HttpRequest.newBuilder(t.url()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", "v1," + sign(t.secret(), id + "." + timestamp + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                delivered.incrementAndGet();
                return;
            }
            log.info("webhook delivery answered HTTP {} (attempt {})", status, attempt);
        } catch (java.io.IOException | RuntimeException e) {
            log.info("webhook delivery failed {} (attempt {})", e.getClass().getSimpleName(), attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt < ATTEMPTS) {
            scheduler.schedule(() -> deliver(t, transactionId, attempt + 1), 500L << attempt, TimeUnit.MILLISECONDS);
        }
    }

    private ObjectNode event(String id, String transactionId) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "0").put("id", id).put("detail-type", "transaction.processed.v2").put("source", "stedi.core")
                .put("account", "simulator").put("time", Instant.now().toString()).put("region", "us-east-1");
        event.putArray("resources").add("sim:transaction/" + transactionId);
        ObjectNode detail = event.putObject("detail");
        detail.put("transactionId", transactionId).put("direction", "INBOUND").put("mode", "test")
                .put("fileExecutionId", UUID.randomUUID().toString()).put("processedAt", Instant.now().toString());
        detail.putArray("artifacts");
        detail.putObject("x12").putObject("metadata").putObject("transaction").put("transactionSetIdentifier", "277")
                .put("controlNumber", "0001");
        return event;
    }

    static String sign(String secret, String content) {
        String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

package io.rcmos.server.clearinghouse.inbound;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.clearinghouse.ClaimStatusReport;
import io.rcmos.server.clearinghouse.ClaimStatusReportSource;
import io.rcmos.server.clearinghouse.StediProperties;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /webhooks/stedi}: accepts a clearinghouse delivery only when it is authentic (Standard Webhooks
 * signature within the timestamp tolerance, or the configured shared key); anything else is 401 and changes nothing.
 * A delivery id seen before is a no-op (Stedi retries for hours); {@code OUTBOUND} events are ignored; an accepted
 * delivery is recorded, evented ({@code clearinghouse.webhook.received}) and audited in one transaction. A delivery
 * announcing a 277 has its report fetched first and attached to the runs watching its claims in that same
 * transaction; when the report cannot be had the delivery is refused with 503 and nothing is recorded, so Stedi's
 * retry brings it again. Its records are {@link WebhookStore}'s; the report is fetched through
 * {@link ClaimStatusReportSource} and attached by {@link ClaimStatusReports}.
 */
@RestController
class WebhookController {

    private static final Actor STEDI = ClaimStatusReports.STEDI;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebhookController.class);
    /** Stedi's JSON is camelCase: this mapper is only for the wire, never for our API. */
    private static final JsonMapper WIRE = JsonMapper.builder().build();

    private final WebhookVerifier verifier;
    private final StediProperties props;
    private final WebhookStore deliveries;
    private final Events events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ClaimStatusReports reports;
    private final ClaimStatusReportSource source;

    WebhookController(StediProperties props, Clock clock, WebhookStore deliveries, Events events, AuditLog audit, TransactionTemplate tx,
                      ClaimStatusReports reports, ClaimStatusReportSource source) {
        this.reports = reports;
        this.source = source;
        this.verifier = new WebhookVerifier(props.webhookSecrets(), props.webhookApiKey(), props.webhookTolerance(), clock);
        this.props = props;
        this.deliveries = deliveries;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
    }

    @PostMapping("/webhooks/stedi")
    ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        byte[] bytes = body == null ? new byte[0] : body;
        String webhookId = request.getHeader("webhook-id");
        boolean authentic = verifier.signed(webhookId, request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), bytes)
                || verifier.keyed(request.getHeader(props.webhookApiKeyHeader()));
        if (!authentic) {
            throw new Unauthentic();
        }
        JsonNode event;
        try {
            event = WIRE.readTree(bytes);
        } catch (JacksonException e) {
            throw new Malformed("body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new Malformed("body must be a JSON object");
        }
        String deliveryId = webhookId != null ? webhookId : text(event, "id");
        if (deliveryId == null) {
            throw new Malformed("no delivery id (webhook-id header or id field)");
        }
        JsonNode detail = event.path("detail");
        if ("OUTBOUND".equalsIgnoreCase(text(detail, "direction"))) {
            return ResponseEntity.ok(Map.of("status", "ignored", "reason", "outbound"));
        }
        String type = text(event, "detail-type");
        String transactionId = text(detail, "transactionId");
        if (deliveries.seen(deliveryId)) {
            return ResponseEntity.ok(Map.of("status", "duplicate", "delivery_id", deliveryId));
        }
        ClaimStatusReport report = null;
        if (announces277(detail)) {
            if (!ClaimStatusReports.validTransactionId(transactionId)) {
                throw new Malformed("detail.transactionId is missing or not a transaction id");
            }
            try {
                report = source.fetch(transactionId);
            } catch (ClaimStatusReportSource.Unavailable e) {
                // not recorded: Stedi delivers again later, and the report may be there then. The reason (an HTTP status,
                // a connection failure) stays in the log: a public answer never carries exception text
                log.warn("webhook 277 report unavailable reason={}", e.getMessage());
                throw new ReportUnavailable();
            }
        }
        ClaimStatusReport fetched = report;
        boolean accepted = Boolean.TRUE.equals(tx.execute(s -> {
            if (!deliveries.record(deliveryId, type, transactionId)) {
                return false;
            }
            int attached = fetched == null ? 0 : reports.attach(fetched, transactionId);
            deliveries.attachedRuns(deliveryId, attached);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("delivery_id", deliveryId);
            payload.put("event_type", type);
            payload.put("transaction_id", transactionId);
            payload.put("attached_runs", attached);
            events.append("clearinghouse.webhook.received", null, null, payload);
            audit.append(STEDI, "clearinghouse.webhook.received", "webhook_delivery", deliveryId, null, Map.of("attached_runs", attached));
            return true;
        }));
        return accepted
                ? ResponseEntity.accepted().body(Map.of("status", "accepted", "delivery_id", deliveryId))
                : ResponseEntity.ok(Map.of("status", "duplicate", "delivery_id", deliveryId));
    }

    /** A 277 (or 277CA) announcement: its report is fetched and attached to the runs that wait for it. */
    private static boolean announces277(JsonNode detail) {
        String set = text(detail.path("x12").path("metadata").path("transaction"), "transactionSetIdentifier");
        return set != null && set.startsWith("277");
    }

    /** A field's text; null when absent, null or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asString("").isBlank() ? null : v.asString();
    }

    static final class ReportUnavailable extends ApiProblem {
        ReportUnavailable() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "webhook_report_unavailable",
                    "the announced 277 could not be fetched; deliver again later");
        }
    }

    static final class Unauthentic extends ApiProblem {
        Unauthentic() {
            super(HttpStatus.UNAUTHORIZED, "webhook_unauthentic", "the delivery is not signed or keyed by a configured secret, or is stale");
        }
    }

    static final class Malformed extends ApiProblem {
        Malformed(String detail) {
            super(HttpStatus.BAD_REQUEST, "webhook_malformed", detail);
        }
    }
}

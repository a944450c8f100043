package io.rcmos.server.clearinghouse;

import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.runs.Channel;
import io.rcmos.server.runs.ChannelCall;
import io.rcmos.server.runs.ChannelOutcome;
import io.rcmos.server.runs.Purpose;
import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.write.ClaimStatus276Writer;
import io.rcmos.x12.write.Eligibility270Writer;
import io.rcmos.x12.write.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clearinghouse route: one Stedi call per attempt (JSON, or with {@code STEDI_MODE=x12} a raw 270/276 written
 * by the {@code x12} module with control numbers from PostgreSQL), transient failures (HTTP 429/5xx, timeouts, malformed bodies,
 * AAA 42/80) retried with exponential backoff and full jitter, then reported unavailable so the run can move to the
 * next route; data errors (AAA 72, 75, …) rejected at once with the AAA reason; enrollment errors (AAA 41, 50, 51)
 * reported unavailable with their own code. Exists only when {@code STEDI_API_KEY} is set.
 */
@Component
@Order(10)
@ConditionalOnExpression("!'${rcm.stedi.api-key:}'.isBlank()")
class ClearinghouseChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(ClearinghouseChannel.class);

    private static final String TRADING_PARTNER = "stedi";

    private final StediClient client;
    private final StediProperties props;
    private final ControlNumberStore controlNumbers;
    private final Artifacts artifacts;
    private final ClaimWatches watches;
    private io.rcmos.server.payers.PayerRegistry payers = io.rcmos.server.payers.PayerRegistry.empty();

    @org.springframework.beans.factory.annotation.Autowired
    ClearinghouseChannel(StediClient client, StediProperties props, ControlNumberStore controlNumbers,
                         org.springframework.beans.factory.ObjectProvider<Artifacts> artifacts, ClaimWatches watches,
                         io.rcmos.server.payers.PayerRegistry payers) {
        this(client, props, controlNumbers, artifacts.getIfAvailable(), watches);
        this.payers = payers;
    }

    /** {@code artifacts} and {@code watches} may be null (unit tests without a database). */
    ClearinghouseChannel(StediClient client, StediProperties props, ControlNumberStore controlNumbers, Artifacts artifacts,
                         ClaimWatches watches) {
        this.watches = watches;
        this.client = client;
        this.props = props;
        this.controlNumbers = controlNumbers;
        this.artifacts = artifacts;
    }

    /** Keeps the payer's raw 271/277 (Stedi's {@code x12} field) as evidence of the run, once per final answer. */
    private void keepRawAnswer(java.util.UUID runId, String step, StediClient.Reply reply) {
        String x12 = reply.body() == null ? null : StediEligibility.text(reply.body(), "x12");
        if (artifacts != null && x12 != null) {
            artifacts.store(runId, "x12", step, "application/edi-x12", x12.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private boolean rawX12() {
        return "x12".equalsIgnoreCase(props.mode());
    }

    /** A fresh envelope: control numbers drawn from PostgreSQL, never reused for this trading partner. */
    private Envelope envelope() {
        ControlNumberStore.Allocated n = controlNumbers.next(TRADING_PARTNER);
        return new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'P', n.interchange(), n.group(), n.transactionSet(),
                LocalDateTime.now(ZoneOffset.UTC));
    }

    private static String traceNumber() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 30).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String route() {
        return "clearinghouse";
    }

    @Override
    public boolean supports(Purpose purpose, String payerId) {
        io.rcmos.server.payers.PayerConfig.Clearinghouse configured = payers.get(payerId).channels().clearinghouse();
        return configured != null && configured.purposes().contains(purpose.wire());
    }

    /** One lane per payer: the payer's clearinghouse limit, our one API key (no credential lease). */
    @Override
    public io.rcmos.server.routing.Lane lane(Purpose purpose, String payerId) {
        io.rcmos.server.payers.PayerConfig.Clearinghouse configured = payers.get(payerId).channels().clearinghouse();
        return new io.rcmos.server.routing.Lane("clearinghouse", null, configured == null ? null : configured.rateLimit());
    }

    /** One interpretation of one reply: a final outcome, or "transient, try again" with the reason. */
    private record Step(ChannelOutcome outcome, String transientReason) {
        static Step done(ChannelOutcome outcome) {
            return new Step(outcome, null);
        }

        static Step retry(String reason) {
            return new Step(null, reason);
        }
    }

    @Override
    public ChannelOutcome execute(ChannelCall call) {
        String lastReason = "no attempt";
        int attempts = Math.max(1, props.maxAttempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Step step = call.purpose() == Purpose.ELIGIBILITY
                    ? eligibility(call.runId(), call.payerId(), (EligibilityRequest) call.input())
                    : claimStatus(call.runId(), call.payerId(), (ClaimStatusRequest) call.input());
            if (step.outcome() != null) {
                return step.outcome();
            }
            lastReason = step.transientReason();
            log.info("clearinghouse transient failure attempt={} of={} reason={}", attempt, attempts, lastReason);
            if (attempt < attempts) {
                sleep(backoff(attempt));
            }
        }
        return new ChannelOutcome.Unavailable("clearinghouse_unavailable", lastReason);
    }

    private Step eligibility(java.util.UUID runId, String payerId, EligibilityRequest request) {
        StediClient.Reply reply = rawX12()
                ? client.post(StediEligibility.PATH + "/raw-x12", StediClient.WIRE.createObjectNode().put("x12",
                        new Eligibility270Writer().write(request, payerId, payerId, traceNumber(), envelope()).x12()))
                : client.post(StediEligibility.PATH, StediEligibility.request(payerId, request));
        Step transport = transport(reply);
        if (transport != null) {
            return transport;
        }
        EligibilityResult result = StediEligibility.result(reply.body(), payerId);
        Step step = classify(result.errors(), result);
        if (step.outcome() != null) {
            keepRawAnswer(runId, "271", reply);
        }
        return step;
    }

    private Step claimStatus(java.util.UUID runId, String payerId, ClaimStatusRequest request) {
        StediClient.Reply reply = rawX12()
                ? client.post(StediClaimStatus.PATH + "/raw-x12", StediClient.WIRE.createObjectNode().put("x12",
                        new ClaimStatus276Writer().write(request, payerId, payerId, "RCM OS", "RCMOS", traceNumber(), envelope()).x12()))
                : client.post(StediClaimStatus.PATH, StediClaimStatus.request(payerId, request));
        Step transport = transport(reply);
        if (transport != null) {
            return transport;
        }
        ClaimStatusResult result = StediClaimStatus.result(reply.body());
        Step step = classify(result.errors(), result);
        if (step.outcome() != null) {
            keepRawAnswer(runId, "277", reply);
        }
        if (step.outcome() instanceof ChannelOutcome.Answered && watches != null) {
            watches.watchPending(runId, payerId, result); // a later 277 (webhook) finalizes these
        }
        return step;
    }

    /** Everything that is decided before reading a payer answer: transport, HTTP status, request validation. */
    private static Step transport(StediClient.Reply reply) {
        if (reply.transportFailed()) {
            return Step.retry(reply.failure());
        }
        if (ErrorClass.transientHttp(reply.status())) {
            return Step.retry("HTTP " + reply.status());
        }
        if (reply.status() == 401 || reply.status() == 403) {
            return Step.done(new ChannelOutcome.Unavailable("clearinghouse_auth",
                    "the clearinghouse refused our credentials (HTTP " + reply.status() + ")"));
        }
        if (reply.body() == null) {
            return Step.retry("unreadable response body (HTTP " + reply.status() + ")");
        }
        if (reply.status() == 400 && reply.body().has("fieldList")) {
            JsonNode first = reply.body().path("fieldList").path(0);
            return Step.done(new ChannelOutcome.Rejected("clearinghouse_validation",
                    "the clearinghouse refused the request: " + StediEligibility.text(first, "path") + " "
                            + StediEligibility.text(first, "message")));
        }
        if (reply.status() != 200 && reply.status() != 400) {
            return Step.done(new ChannelOutcome.Unavailable("clearinghouse_http_" + reply.status(),
                    "unexpected HTTP " + reply.status() + " from the clearinghouse"));
        }
        return null;
    }

    private static Step classify(List<AaaError> errors, Object result) {
        if (errors.isEmpty()) {
            return Step.done(new ChannelOutcome.Answered(result));
        }
        AaaError first = errors.get(0);
        String reason = first.description() + " (AAA " + first.code() + (first.loop() == null ? "" : ", " + first.loop()) + ")";
        return switch (ErrorClass.ofAaa(first.code(), first.followUp())) {
            case TRANSIENT -> Step.retry(reason);
            case ENROLLMENT -> Step.done(new ChannelOutcome.Unavailable("enrollment_required", reason));
            case DATA -> Step.done(new ChannelOutcome.Rejected("aaa_" + first.code().toLowerCase(java.util.Locale.ROOT), reason, result));
        };
    }

    /** Exponential backoff with full jitter: uniform in [0, min(max, initial · 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long cap = Math.min(props.maxBackoff().toMillis(), props.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

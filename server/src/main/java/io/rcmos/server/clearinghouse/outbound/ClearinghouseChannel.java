package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.clearinghouse.ClaimWatches;
import io.rcmos.server.clearinghouse.StediProperties;
import io.rcmos.server.channels.Answer;
import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.ChannelProperties;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.Lane;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.payers.PayerConfig;
import io.rcmos.server.payers.PayerRegistry;
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
import java.util.List;
import java.util.UUID;
import java.util.Locale;

/**
 * The clearinghouse route: exactly one Stedi call per attempt (JSON, or with {@code STEDI_MODE=x12} a raw 270/276
 * written by the {@code x12} module with control numbers from PostgreSQL). Transient failures (HTTP 429/5xx,
 * timeouts, malformed bodies, AAA 42/80) are {@link ChannelOutcome.Transient}: Temporal retries the attempt under
 * {@link #attemptPolicy()} (a 429's {@code Retry-After} honoured) and, when the policy runs out, the run moves to
 * the next route with {@code clearinghouse_unavailable}. Data errors (AAA 72, 75, …, a 400 naming a field) are
 * rejected at once with the AAA reason; other 4xx and enrollment errors (AAA 41, 50, 51) are unavailable with their
 * own code; none of those is retried. Exists only when {@code STEDI_API_KEY} is set.
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
    private ExchangeJournal journal;
    private PayerRegistry payers = PayerRegistry.empty();

    @org.springframework.beans.factory.annotation.Autowired
    ClearinghouseChannel(StediClient client, StediProperties props, ControlNumberStore controlNumbers,
                         org.springframework.beans.factory.ObjectProvider<Artifacts> artifacts, ClaimWatches watches,
                         PayerRegistry payers, ExchangeJournal journal) {
        this(client, props, controlNumbers, artifacts.getIfAvailable(), watches);
        this.payers = payers;
        this.journal = journal;
    }

    /** {@code artifacts} and {@code watches} may be null, and there is no exchange journal (unit tests without a database). */
    ClearinghouseChannel(StediClient client, StediProperties props, ControlNumberStore controlNumbers, Artifacts artifacts,
                         ClaimWatches watches) {
        this.watches = watches;
        this.client = client;
        this.props = props;
        this.controlNumbers = controlNumbers;
        this.artifacts = artifacts;
    }

    /** Keeps the payer's raw 271/277 (Stedi's {@code x12} field) as evidence of the run, once per final answer. */
    private void keepRawAnswer(UUID runId, String step, StediClient.Reply reply) {
        String x12 = reply.body() == null ? null : StediEligibility.text(reply.body(), "x12");
        if (artifacts != null && x12 != null) {
            artifacts.store(runId, "x12", step, "application/edi-x12", x12.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private boolean rawX12() {
        return "x12".equalsIgnoreCase(props.mode());
    }

    /** The exchange's envelope: its control numbers and the time it was opened, the same each time it is sent. */
    private static Envelope envelope(ExchangeJournal.Exchange exchange) {
        return new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'P', exchange.isa(), exchange.gs(), exchange.st(),
                LocalDateTime.ofInstant(exchange.createdAt(), ZoneOffset.UTC).withNano(0));
    }

    /** The exchange's trace number (TRN02): derived from its control number, so a repeat is the same request. */
    private static String traceNumber(ExchangeJournal.Exchange exchange) {
        return "RCM" + exchange.controlNumber() + String.format("%012d", exchange.id());
    }

    /** One request and what came back; {@code exchange} is null without a journal (unit tests). */
    private record Sent(ExchangeJournal.Exchange exchange, StediClient.Reply reply) {
    }

    /**
     * Sends {@code request} (Stedi's JSON, before a control number) as the body {@code body} makes of the run's
     * exchange — or, when the journal already holds that exchange's answer, sends nothing and returns the answer (an
     * attempt running again after a crash). See {@link ExchangeJournal} for the rules.
     */
    private Sent send(UUID runId, String path, tools.jackson.databind.node.ObjectNode request,
                      java.util.function.Function<ExchangeJournal.Exchange, JsonNode> body) {
        if (journal == null) {
            ControlNumberStore.Allocated n = controlNumbers.next(TRADING_PARTNER);
            ExchangeJournal.Exchange fresh = new ExchangeJournal.Exchange(0, n.isa13(), n.interchange(), n.group(),
                    n.transactionSet(), java.time.Instant.now(), null, true);
            return new Sent(null, client.post(path, body.apply(fresh)));
        }
        ExchangeJournal.Exchange exchange = journal.open(runId, path, request);
        if (exchange.answered()) {
            log.info("clearinghouse answer taken from the exchange journal control_number={}", exchange.controlNumber());
            return new Sent(exchange, exchange.answer());
        }
        if (!exchange.fresh()) {
            journal.sending(exchange); // a new exchange counted its first send when it was opened
        }
        StediClient.Reply reply = client.post(path, body.apply(exchange));
        journal.answered(exchange, reply);
        return new Sent(exchange, reply);
    }

    /** A transient answer (429, 5xx, AAA 42…) closes the exchange: the retry asks anew. No answer at all keeps it open. */
    private void afterStep(Sent sent, Step step) {
        if (step.isTransient() && sent.exchange() != null && !sent.reply().transportFailed()) {
            journal.failed(sent.exchange());
        }
    }

    @Override
    public void settle(UUID runId) {
        if (journal != null) {
            journal.settle(runId);
        }
    }

    @Override
    public String route() {
        return "clearinghouse";
    }

    @Override
    public boolean supports(Purpose purpose, String payerId) {
        PayerConfig.Clearinghouse configured = payers.get(payerId).channels().clearinghouse();
        return configured != null && configured.purposes().contains(purpose.wire());
    }

    /** One lane per payer: the payer's clearinghouse limit, our one API key (no credential lease). */
    @Override
    public Lane lane(Purpose purpose, String payerId) {
        PayerConfig.Clearinghouse configured = payers.get(payerId).channels().clearinghouse();
        return new Lane("clearinghouse", null, configured == null ? null : configured.rateLimit());
    }

    /** One interpretation of one reply: a final outcome, or "transient, try again" with the reason. */
    private record Step(ChannelOutcome outcome) {
        static Step done(ChannelOutcome outcome) {
            return new Step(outcome);
        }

        static Step retry(String reason, Duration retryAfter) {
            return new Step(new ChannelOutcome.Transient(UNAVAILABLE, reason, retryAfter));
        }

        static Step retry(String reason) {
            return retry(reason, null);
        }

        boolean isTransient() {
            return outcome instanceof ChannelOutcome.Transient;
        }
    }

    /** The code of a transient failure, and of the run's route once the retries ran out. */
    private static final String UNAVAILABLE = "clearinghouse_unavailable";

    /**
     * One attempt is one call, so it ends within {@link StediClient#longestCall}; the attempt's time limit adds a
     * margin for the bookkeeping around it, so Temporal never starts the next attempt while a call is still out.
     * No heartbeat: a missed beat would let a retry overlap a call that is still running.
     */
    /** One short call per attempt, no heartbeat: attempts run as local activities, inside the run's workflow task. */
    @Override
    public ChannelProperties properties() {
        return ChannelProperties.local(attemptPolicy());
    }

    AttemptPolicy attemptPolicy() {
        return new AttemptPolicy("", StediClient.longestCall(props).plus(ATTEMPT_MARGIN), null, null, Math.max(1, props.maxAttempts()),
                props.initialBackoff(), props.maxBackoff(), props.maxRetryAfter());
    }

    private static final Duration ATTEMPT_MARGIN = Duration.ofSeconds(30);

    @Override
    public ChannelOutcome execute(ChannelCall call) {
        Step step = call.inquiry() instanceof Inquiry.Eligibility e
                ? eligibility(call.runId(), call.payerId(), e.request())
                : claimStatus(call.runId(), call.payerId(), ((Inquiry.ClaimStatus) call.inquiry()).request());
        if (step.isTransient()) {
            log.info("clearinghouse transient failure attempt={} reason={}", call.attempt(), ((ChannelOutcome.Transient) step.outcome()).reason());
        }
        return step.outcome();
    }

    private Step eligibility(UUID runId, String payerId, EligibilityRequest request) {
        tools.jackson.databind.node.ObjectNode json = StediEligibility.request(payerId, request);
        Sent sent = rawX12()
                ? send(runId, StediEligibility.PATH + "/raw-x12", json, x -> StediClient.WIRE.createObjectNode().put("x12",
                        new Eligibility270Writer().write(request, payerId, payerId, traceNumber(x), envelope(x)).x12()))
                : send(runId, StediEligibility.PATH, json, x -> json.deepCopy().put("controlNumber", x.controlNumber()));
        StediClient.Reply reply = sent.reply();
        Step step = transport(reply);
        if (step == null) {
            EligibilityResult result = StediEligibility.result(reply.body(), payerId);
            step = classify(result.errors(), Answer.of(result));
            if (!step.isTransient()) {
                keepRawAnswer(runId, "271", reply);
            }
        }
        afterStep(sent, step);
        return step;
    }

    private Step claimStatus(UUID runId, String payerId, ClaimStatusRequest request) {
        tools.jackson.databind.node.ObjectNode json = StediClaimStatus.request(payerId, request);
        Sent sent = rawX12()
                ? send(runId, StediClaimStatus.PATH + "/raw-x12", json, x -> StediClient.WIRE.createObjectNode().put("x12",
                        new ClaimStatus276Writer().write(request, payerId, payerId, "RCM OS", "RCMOS", traceNumber(x), envelope(x)).x12()))
                : send(runId, StediClaimStatus.PATH, json, x -> json.deepCopy().put("controlNumber", x.controlNumber()));
        StediClient.Reply reply = sent.reply();
        Step step = transport(reply);
        if (step == null) {
            ClaimStatusResult result = StediClaimStatus.result(reply.body());
            step = classify(result.errors(), Answer.of(result));
            if (!step.isTransient()) {
                keepRawAnswer(runId, "277", reply);
            }
            if (step.outcome() instanceof ChannelOutcome.Answered && watches != null) {
                watches.watchPending(runId, payerId, result); // a later 277 (webhook) finalizes these
            }
        }
        afterStep(sent, step);
        return step;
    }

    /**
     * Everything decided before reading a payer answer: transport, HTTP status, request validation. Retried: no
     * answer, 429 and 5xx (after {@code Retry-After} when given), an unreadable body. Not retried: 401/403 (our
     * credentials), a 400 naming a field (the request), any other status.
     */
    private static Step transport(StediClient.Reply reply) {
        if (reply.transportFailed()) {
            return Step.retry(reply.failure());
        }
        if (ErrorClass.transientHttp(reply.status())) {
            return Step.retry("HTTP " + reply.status(), reply.retryAfter());
        }
        if (reply.status() == 401 || reply.status() == 403) {
            return Step.done(new ChannelOutcome.Unavailable(FailureClass.CREDENTIALS, "clearinghouse_auth",
                    "the clearinghouse refused our credentials (HTTP " + reply.status() + ")", "HTTP " + reply.status()));
        }
        if (reply.status() != 200 && reply.status() != 400) {
            return Step.done(new ChannelOutcome.Unavailable(FailureClass.TRANSIENT, "clearinghouse_http_" + reply.status(),
                    "unexpected HTTP " + reply.status() + " from the clearinghouse", "HTTP " + reply.status()));
        }
        if (reply.body() == null) {
            return Step.retry("unreadable response body (HTTP " + reply.status() + ")");
        }
        if (reply.status() == 400 && reply.body().has("fieldList")) {
            JsonNode first = reply.body().path("fieldList").path(0);
            return Step.done(new ChannelOutcome.Rejected("clearinghouse_validation",
                    "the clearinghouse refused the request: " + StediEligibility.text(first, "path") + " "
                            + StediEligibility.text(first, "message"), null, "HTTP 400"));
        }
        return null;
    }

    private static Step classify(List<AaaError> errors, Answer result) {
        if (errors.isEmpty()) {
            return Step.done(new ChannelOutcome.Answered(result));
        }
        AaaError first = errors.get(0);
        String reason = first.description() + " (AAA " + first.code() + (first.loop() == null ? "" : ", " + first.loop()) + ")";
        return switch (ErrorClass.ofAaa(first.code(), first.followUp())) {
            case TRANSIENT -> Step.retry(reason);
            case ENROLLMENT -> Step.done(new ChannelOutcome.Unavailable(FailureClass.ENROLLMENT, "enrollment_required", reason,
                    "AAA " + first.code()));
            case DATA -> Step.done(new ChannelOutcome.Rejected("aaa_" + first.code().toLowerCase(Locale.ROOT), reason, result,
                    "AAA " + first.code()));
        };
    }
}

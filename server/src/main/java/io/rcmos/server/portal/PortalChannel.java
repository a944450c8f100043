package io.rcmos.server.portal;

import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.run.EvidenceFile;
import io.rcmos.agent.run.FlowExecutor;
import io.rcmos.agent.run.FlowOutcome;
import io.rcmos.agent.run.FlowProgress;
import io.rcmos.agent.run.FlowRequest;
import io.rcmos.agent.run.FlowResult;
import io.rcmos.agent.secrets.Totp;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.ChannelProperties;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.Lane;
import io.rcmos.server.payers.PayerConfig;
import io.rcmos.server.payers.PayerRegistry;
import io.rcmos.server.channels.Heartbeat;
import io.rcmos.server.channels.Purpose;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Answers runs through payer portals: the payer's flow in a real browser, a saved login reused when one is fresh,
 * TOTP when the credential holds an authenticator secret and an MFA breakpoint otherwise. A suspended flow keeps its
 * page open; the workflow's next attempt (with the person's answer) resumes it. Evidence of every stretch is stored
 * as artifacts of the run — masked files for people, the raw capture restricted. The flow reports every step to the
 * attempt's heartbeat and stops when Temporal gave the attempt up; a retryable failure (an error page, a slow page)
 * is {@link ChannelOutcome.Transient}, retried by Temporal from the login without the saved session.
 */
public class PortalChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(PortalChannel.class);

    private final PortalProperties props;
    private final PortalFlows flows;
    private final FlowExecutor executor;
    private final PortalSessions sessions;
    private final Artifacts artifacts;
    private final PayerRegistry payers;

    PortalChannel(PortalProperties props, PortalFlows flows, FlowExecutor executor, PortalSessions sessions, Artifacts artifacts,
                  PayerRegistry payers) {
        this.payers = payers;
        this.props = props;
        this.flows = flows;
        this.executor = executor;
        this.sessions = sessions;
        this.artifacts = artifacts;
    }

    @Override
    public String route() {
        return "portal";
    }

    /** The payer's first configured portal for this purpose whose flow is loaded and whose credential is set. */
    private Optional<PayerConfig.Portal> portalFor(Purpose purpose, String payerId) {
        return payers.get(payerId).channels().portals().stream()
                .filter(p -> p.purposes().contains(purpose.wire()))
                .filter(p -> flows.flow(p.portal(), purpose).isPresent() && credential(p.credential()).isPresent())
                .findFirst();
    }

    @Override
    public boolean supports(Purpose purpose, String payerId) {
        return portalFor(purpose, payerId).isPresent();
    }

    /** The portal's lane: its name, the credential it signs in with (one run at a time) and the payer's limit for it. */
    @Override
    public Lane lane(Purpose purpose, String payerId) {
        return portalFor(purpose, payerId)
                .map(p -> new Lane("portal:" + p.portal(), "portal:" + p.credential(), p.rateLimit()))
                .orElse(null);
    }

    /**
     * Two attempts (the second from the login, without the saved session) on the portal queue, one slot per browser.
     * An attempt heartbeats while its flow works, so a dead worker's attempt is retried after the heartbeat timeout;
     * its own time limit covers a resumed stretch and a fresh start, each within the longest flow deadline.
     */
    @Override
    public ChannelProperties properties() {
        Duration stretch = flows.longestDeadline().plus(FlowExecutor.GRACE);
        return new ChannelProperties(new AttemptPolicy(QUEUE_SUFFIX, stretch.multipliedBy(2).plus(Duration.ofMinutes(2)),
                props.heartbeatTimeout(), Duration.ofMinutes(30), 2, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4)),
                LEASE_HOLD, props.workers(), false);
    }

    /** Appended to the runs task queue: the queue of portal attempts, one slot per browser. */
    public static final String QUEUE_SUFFIX = "-portal";

    /**
     * How long a granted permit holds a portal credential: a browser slot may take 30 minutes to free up and the
     * attempt may run 15; the attempt renews it when it starts and releases it when it ends.
     */
    static final Duration LEASE_HOLD = Duration.ofMinutes(45);

    /** Failures that are our portal login's, not the request's: a person fixes the credential, or another channel answers. */
    private static final Set<String> CREDENTIAL_FAILURES = Set.of("login_failed", "secret_missing");

    @Override
    public ChannelOutcome execute(ChannelCall call) {
        PayerConfig.Portal configured = portalFor(call.purpose(), call.payerId()).orElseThrow();
        String portal = configured.portal();
        Flow flow = flows.flow(portal, call.purpose()).orElseThrow();
        PortalProperties.Credential credential = credential(configured.credential()).orElseThrow();
        String sessionKey = portal + ":" + hash(credential.username());
        String runId = call.runId().toString();
        FlowProgress progress = progress(call.heartbeat(), flow);
        FlowResult result;
        if (call.humanInput() != null && executor.isParked(runId)) {
            result = executor.resume(runId, call.humanInput(), progress);
        } else {
            result = start(flow, call, credential, sessionKey, configured, progress);
        }
        keep(call, result);
        if (result.outcome() instanceof FlowOutcome.Failed f && "session_lost".equals(f.code())) {
            // the page waiting for this answer is gone (restart, expiry): start over; a new breakpoint may follow
            result = start(flow, call, credential, sessionKey, configured, progress);
            keep(call, result);
        }
        if (result.storageState() != null) {
            sessions.save(sessionKey, result.storageState());
        }
        return outcome(call, result.outcome(), sessionKey, payerName(call.payerId(), configured));
    }

    /** The flow's steps as the attempt's heartbeat ("availity/eligibility steps[3]"); abandoned with the attempt. */
    private static FlowProgress progress(Heartbeat heartbeat, Flow flow) {
        return new FlowProgress() {
            @Override
            public void step(String path) {
                heartbeat.beat(flow.name() + " " + path);
            }

            @Override
            public boolean abandoned() {
                return heartbeat.abandoned();
            }
        };
    }

    private String payerName(String payerId, PayerConfig.Portal portal) {
        if (portal.payerName() != null) {
            return portal.payerName();
        }
        String name = payers.get(payerId).name();
        return name != null ? name : payerId;
    }

    private FlowResult start(Flow flow, ChannelCall call, PortalProperties.Credential credential, String sessionKey,
                             PayerConfig.Portal portal, FlowProgress progress) {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("username", credential.username());
        secrets.put("password", credential.password());
        Totp totp = credential.totpSecret() == null || credential.totpSecret().isBlank() ? null : Totp.base32(credential.totpSecret());
        FlowRequest request = new FlowRequest(call.runId().toString(), inputs(flow, call, payerName(call.payerId(), portal)), secrets, totp,
                props.baseUrl(),
                sessions.load(sessionKey).orElse(null), props.stepScreenshots());
        log.info("portal flow start flow={} attempt={} reused_session={}", flow.name(), call.attempt(), request.storageState() != null);
        return executor.start(flow, request, progress);
    }

    /** The run's typed input as the flow's declared inputs (text; dates ISO). */
    private static Map<String, String> inputs(Flow flow, ChannelCall call, String payerName) {
        Map<String, String> in = new HashMap<>();
        if (call.inquiry() instanceof Inquiry.Eligibility e) {
            EligibilityRequest r = e.request();
            put(in, "payer_name", payerName);
            put(in, "member_id", r.subscriber().memberId());
            put(in, "first_name", r.dependent() != null ? r.dependent().firstName() : r.subscriber().firstName());
            put(in, "last_name", r.dependent() != null ? r.dependent().lastName() : r.subscriber().lastName());
            put(in, "date_of_birth", r.dependent() != null ? String.valueOf(r.dependent().dateOfBirth())
                    : r.subscriber().dateOfBirth() == null ? null : r.subscriber().dateOfBirth().toString());
            put(in, "date_of_service", r.dateOfService() == null ? null : r.dateOfService().toString());
        } else if (call.inquiry() instanceof Inquiry.ClaimStatus c) {
            ClaimStatusRequest r = c.request();
            put(in, "member_id", r.subscriber().memberId());
            put(in, "first_name", r.subscriber().firstName());
            put(in, "last_name", r.subscriber().lastName());
            put(in, "date_of_birth", r.subscriber().dateOfBirth() == null ? null : r.subscriber().dateOfBirth().toString());
            put(in, "patient_control_number", r.claim().patientControlNumber());
            put(in, "payer_claim_number", r.claim().payerClaimNumber());
            put(in, "service_date_from", r.claim().serviceDateFrom().toString());
            put(in, "service_date_to", r.claim().serviceDateTo().toString());
        }
        in.keySet().retainAll(flow.inputs().keySet());
        return in;
    }

    private static void put(Map<String, String> in, String name, String value) {
        if (value != null && !"null".equals(value)) {
            in.put(name, value);
        }
    }

    private ChannelOutcome outcome(ChannelCall call, FlowOutcome outcome, String sessionKey, String payerName) {
        if (outcome instanceof FlowOutcome.Completed c) {
            if (call.inquiry() instanceof Inquiry.Eligibility e) {
                EligibilityResult result = PortalAnswers.eligibility(c.outputs(), e.request(), call.payerId(), payerName);
                if (result.coverageStatus() == EligibilityResult.CoverageStatus.NOT_FOUND) {
                    return new ChannelOutcome.Rejected("member_not_found", "the portal found no such member", result);
                }
                return new ChannelOutcome.Answered(result);
            }
            ClaimStatusResult result = PortalAnswers.claimStatus(c.outputs(), ((Inquiry.ClaimStatus) call.inquiry()).request());
            return new ChannelOutcome.Answered(result);
        }
        if (outcome instanceof FlowOutcome.Suspended s) {
            return new ChannelOutcome.NeedsHuman(switch (s.kind()) {
                case MFA -> ChannelOutcome.Breakpoint.MFA;
                case CAPTCHA -> ChannelOutcome.Breakpoint.CAPTCHA;
                case REVIEW -> ChannelOutcome.Breakpoint.REVIEW;
            }, s.prompt(), s.deadline());
        }
        FlowOutcome.Failed f = (FlowOutcome.Failed) outcome;
        String reason = "portal flow failed at " + (f.stepPath().isEmpty() ? "start" : f.stepPath()) + ": " + f.message();
        if (!f.retryable()) {
            return CREDENTIAL_FAILURES.contains(f.code())
                    ? new ChannelOutcome.Unavailable(FailureClass.CREDENTIALS, "portal_" + f.code(), reason, f.code())
                    : new ChannelOutcome.Rejected("portal_" + f.code(), reason, null, f.code());
        }
        // a portal error page, a slow page, a stale saved login: the next attempt logs in afresh
        sessions.forget(sessionKey);
        return "deadline_exceeded".equals(f.code())
                ? new ChannelOutcome.Unavailable(FailureClass.TRANSIENT, "portal_" + f.code(), reason, f.code())
                : new ChannelOutcome.Transient("portal_" + f.code(), reason, null, f.code());
    }

    /** Every file of a stretch of the run, stored as an artifact; raw captures restricted. */
    private void keep(ChannelCall call, FlowResult result) {
        for (EvidenceFile f : result.evidence()) {
            try {
                artifacts.store(call.runId(), f.kind(), f.step(), f.contentType(), f.bytes(), f.restricted());
            } catch (RuntimeException e) {
                log.warn("portal evidence not stored kind={} step={}: {}", f.kind(), f.step(), e.getClass().getSimpleName());
            }
        }
    }

    private Optional<PortalProperties.Credential> credential(String portal) {
        PortalProperties.Credential c = props.credentials().get(portal);
        return c == null || c.username() == null || c.username().isBlank() || c.password() == null ? Optional.empty() : Optional.of(c);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

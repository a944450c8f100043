package io.rcmos.server.portal;

import io.rcmos.agent.flow.Flow;
import io.rcmos.agent.run.EvidenceFile;
import io.rcmos.agent.run.FlowExecutor;
import io.rcmos.agent.run.FlowOutcome;
import io.rcmos.agent.run.FlowRequest;
import io.rcmos.agent.run.FlowResult;
import io.rcmos.agent.secrets.Totp;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.runs.Channel;
import io.rcmos.server.runs.ChannelCall;
import io.rcmos.server.runs.ChannelOutcome;
import io.rcmos.server.runs.Purpose;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Answers runs through payer portals: the payer's flow in a real browser, a saved login reused when one is fresh,
 * TOTP when the credential holds an authenticator secret and an MFA breakpoint otherwise. A suspended flow keeps its
 * page open; the workflow's next attempt (with the person's answer) resumes it. Evidence of every stretch is stored
 * as artifacts of the run — masked files for people, the raw capture restricted.
 */
public class PortalChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(PortalChannel.class);

    /** Fresh starts after a retryable failure, within one attempt of the workflow. */
    private static final int RETRIES = 1;

    private final PortalProperties props;
    private final PortalFlows flows;
    private final FlowExecutor executor;
    private final PortalSessions sessions;
    private final Artifacts artifacts;
    private final io.rcmos.server.payers.PayerRegistry payers;

    PortalChannel(PortalProperties props, PortalFlows flows, FlowExecutor executor, PortalSessions sessions, Artifacts artifacts,
                  io.rcmos.server.payers.PayerRegistry payers) {
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
    private Optional<io.rcmos.server.payers.PayerConfig.Portal> portalFor(Purpose purpose, String payerId) {
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
    public io.rcmos.server.routing.Lane lane(Purpose purpose, String payerId) {
        return portalFor(purpose, payerId)
                .map(p -> new io.rcmos.server.routing.Lane("portal:" + p.portal(), "portal:" + p.credential(), p.rateLimit()))
                .orElse(null);
    }

    @Override
    public ChannelOutcome execute(ChannelCall call) {
        io.rcmos.server.payers.PayerConfig.Portal configured = portalFor(call.purpose(), call.payerId()).orElseThrow();
        String portal = configured.portal();
        Flow flow = flows.flow(portal, call.purpose()).orElseThrow();
        PortalProperties.Credential credential = credential(configured.credential()).orElseThrow();
        String sessionKey = portal + ":" + hash(credential.username());
        String runId = call.runId().toString();
        FlowResult result;
        if (call.humanInput() != null && executor.isParked(runId)) {
            result = executor.resume(runId, call.humanInput());
        } else {
            result = start(flow, call, credential, sessionKey, configured);
        }
        keep(call, result);
        if (result.outcome() instanceof FlowOutcome.Failed f && "session_lost".equals(f.code())) {
            // the page waiting for this answer is gone (restart, expiry): start over; a new breakpoint may follow
            result = start(flow, call, credential, sessionKey, configured);
            keep(call, result);
        }
        for (int again = 0; again < RETRIES && result.outcome() instanceof FlowOutcome.Failed f && f.retryable()
                && !"deadline_exceeded".equals(f.code()); again++) {
            // a portal error page, a slow page, a lost session: once more from the login, without the saved session
            log.info("portal flow retry flow={} code={}", flow.name(), f.code());
            sessions.forget(sessionKey);
            result = start(flow, call, credential, sessionKey, configured);
            keep(call, result);
        }
        if (result.storageState() != null) {
            sessions.save(sessionKey, result.storageState());
        }
        return outcome(call, result.outcome(), sessionKey, payerName(call.payerId(), configured));
    }

    private String payerName(String payerId, io.rcmos.server.payers.PayerConfig.Portal portal) {
        if (portal.payerName() != null) {
            return portal.payerName();
        }
        String name = payers.get(payerId).name();
        return name != null ? name : payerId;
    }

    private FlowResult start(Flow flow, ChannelCall call, PortalProperties.Credential credential, String sessionKey,
                             io.rcmos.server.payers.PayerConfig.Portal portal) {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("username", credential.username());
        secrets.put("password", credential.password());
        Totp totp = credential.totpSecret() == null || credential.totpSecret().isBlank() ? null : Totp.base32(credential.totpSecret());
        FlowRequest request = new FlowRequest(call.runId().toString(), inputs(flow, call, payerName(call.payerId(), portal)), secrets, totp,
                props.baseUrl(),
                sessions.load(sessionKey).orElse(null), props.stepScreenshots());
        log.info("portal flow start flow={} attempt={} reused_session={}", flow.name(), call.attempt(), request.storageState() != null);
        return executor.start(flow, request);
    }

    /** The run's typed input as the flow's declared inputs (text; dates ISO). */
    private static Map<String, String> inputs(Flow flow, ChannelCall call, String payerName) {
        Map<String, String> in = new HashMap<>();
        if (call.input() instanceof EligibilityRequest r) {
            put(in, "payer_name", payerName);
            put(in, "member_id", r.subscriber().memberId());
            put(in, "first_name", r.dependent() != null ? r.dependent().firstName() : r.subscriber().firstName());
            put(in, "last_name", r.dependent() != null ? r.dependent().lastName() : r.subscriber().lastName());
            put(in, "date_of_birth", r.dependent() != null ? String.valueOf(r.dependent().dateOfBirth())
                    : r.subscriber().dateOfBirth() == null ? null : r.subscriber().dateOfBirth().toString());
            put(in, "date_of_service", r.dateOfService() == null ? null : r.dateOfService().toString());
        } else if (call.input() instanceof ClaimStatusRequest r) {
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
            if (call.input() instanceof EligibilityRequest r) {
                EligibilityResult result = PortalAnswers.eligibility(c.outputs(), r, call.payerId(), payerName);
                if (result.coverageStatus() == EligibilityResult.CoverageStatus.NOT_FOUND) {
                    return new ChannelOutcome.Rejected("member_not_found", "the portal found no such member", result);
                }
                return new ChannelOutcome.Answered(result);
            }
            ClaimStatusResult result = PortalAnswers.claimStatus(c.outputs(), (ClaimStatusRequest) call.input());
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
        if (f.code().equals("element_not_found") || f.code().equals("step_timeout")) {
            sessions.forget(sessionKey); // a stale saved login is a common cause: the next attempt logs in afresh
        }
        String reason = "portal flow failed at " + (f.stepPath().isEmpty() ? "start" : f.stepPath()) + ": " + f.message();
        return f.retryable()
                ? new ChannelOutcome.Unavailable("portal_" + f.code(), reason)
                : new ChannelOutcome.Rejected("portal_" + f.code(), reason);
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

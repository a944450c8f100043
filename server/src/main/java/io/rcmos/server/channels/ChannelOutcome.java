package io.rcmos.server.channels;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;

import java.time.Duration;
import java.util.Locale;

/**
 * What a channel attempt ended in. The run decides its next step from this alone: an answer, a person needed, or a
 * {@link Failure} whose {@link FailureClass} the channel decided (nothing downstream re-reads its code).
 */
public sealed interface ChannelOutcome permits ChannelOutcome.Answered, ChannelOutcome.NeedsHuman, ChannelOutcome.Failure {

    /** The channel answered with the typed result of the purpose. */
    record Answered(Answer answer) implements ChannelOutcome {
        public Answered {
            if (answer == null) {
                throw new IllegalArgumentException("an answer is needed");
            }
        }

        public Answered(EligibilityResult result) {
            this(new Answer.Eligibility(result));
        }

        public Answered(ClaimStatusResult result) {
            this(new Answer.ClaimStatus(result));
        }
    }

    /** A person must act (MFA code, CAPTCHA, ambiguous page) before the channel can go on. */
    record NeedsHuman(Breakpoint kind, String prompt, Duration deadline) implements ChannelOutcome {
    }

    /**
     * The attempt did not answer. {@code code} is ours and stable ({@code aaa_72}, {@code clearinghouse_auth},
     * {@code portal_login_failed}); {@code payerCode} is what the payer or clearinghouse said, as it said it (AAA
     * {@code 72}, HTTP {@code 503}, the portal's failure), or null; {@code reason} is for people, without PHI.
     */
    sealed interface Failure extends ChannelOutcome permits Transient, Unavailable, Rejected {
        FailureClass failureClass();

        String code();

        String payerCode();

        String reason();
    }

    /**
     * This attempt failed in a way that may pass if tried again (HTTP 429 or 5xx, a timeout, an unreadable answer,
     * AAA 42): the channel's {@link AttemptPolicy} tries again — after {@code retryAfter} when the other side asked for
     * a pause (null otherwise). When the policy has no attempt left the run takes it as unavailable
     * ({@link FailureClass#TRANSIENT}). A channel never retries by itself.
     */
    record Transient(String code, String reason, Duration retryAfter, String payerCode) implements Failure {
        public Transient(String code, String reason) {
            this(code, reason, null, null);
        }

        public Transient(String code, String reason, Duration retryAfter) {
            this(code, reason, retryAfter, null);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.TRANSIENT;
        }
    }

    /**
     * The channel cannot answer now — an outage that outlived its retries, enrollment missing, our credentials refused:
     * try the next route. The channel says which class it is; a data error is {@link Rejected}, never this.
     */
    record Unavailable(FailureClass failureClass, String code, String reason, String payerCode) implements Failure {
        public Unavailable {
            if (failureClass == null || failureClass == FailureClass.DATA) {
                throw new IllegalArgumentException("an unavailable channel is transient, enrollment or credentials, not " + failureClass);
            }
        }

        public Unavailable(FailureClass failureClass, String code, String reason) {
            this(failureClass, code, reason, null);
        }
    }

    /**
     * The request itself was refused ({@link FailureClass#DATA}): do not retry elsewhere. {@code result} is the typed
     * answer the refusal came with (coverage {@code not_found} with its AAA errors), or null.
     */
    record Rejected(String code, String reason, Answer result, String payerCode) implements Failure {
        public Rejected(String code, String reason) {
            this(code, reason, null, null);
        }

        public Rejected(String code, String reason, EligibilityResult result) {
            this(code, reason, result == null ? null : new Answer.Eligibility(result), null);
        }

        @Override
        public FailureClass failureClass() {
            return FailureClass.DATA;
        }
    }

    enum Breakpoint {
        MFA, CAPTCHA, REVIEW;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

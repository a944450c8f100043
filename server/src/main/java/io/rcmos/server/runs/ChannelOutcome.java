package io.rcmos.server.runs;

import java.time.Duration;

/** What a channel attempt ended in. The workflow decides the next step from this alone. */
public sealed interface ChannelOutcome {

    /** The channel answered; {@code result} is the typed result of the purpose. */
    record Answered(Object result) implements ChannelOutcome {
    }

    /** A person must act (MFA code, CAPTCHA, ambiguous page) before the channel can go on. */
    record NeedsHuman(Breakpoint kind, String prompt, Duration deadline) implements ChannelOutcome {
    }

    /**
     * This attempt failed in a way that may pass if tried again (HTTP 429 or 5xx, a timeout, an unreadable answer,
     * AAA 42): the channel's {@link AttemptPolicy} tries again — after {@code retryAfter} when the other side asked for
     * a pause (null otherwise). When the policy has no attempt left the run takes it as {@link Unavailable} with
     * {@code code} and {@code reason}. A channel never retries by itself.
     */
    record Transient(String code, String reason, Duration retryAfter) implements ChannelOutcome {
        public Transient(String code, String reason) {
            this(code, reason, null);
        }
    }

    /** The channel cannot answer now (outage, enrollment missing): try the next route. {@code code} is stable. */
    record Unavailable(String code, String reason) implements ChannelOutcome {
    }

    /**
     * The request itself was refused (data error): do not retry elsewhere. {@code code} is stable; {@code result}
     * is the typed result the refusal came with (e.g. coverage {@code not_found} with its AAA errors), or null.
     */
    record Rejected(String code, String reason, Object result) implements ChannelOutcome {
        public Rejected(String code, String reason) {
            this(code, reason, null);
        }
    }

    enum Breakpoint {
        MFA, CAPTCHA, REVIEW;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

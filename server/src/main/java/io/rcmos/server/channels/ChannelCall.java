package io.rcmos.server.channels;

import java.util.UUID;

/**
 * One attempt of a channel at a run: the typed {@link Inquiry}; {@code humanInput} is what a person supplied at the
 * last breakpoint (an MFA code), or null. {@code heartbeat} is where a long attempt reports progress.
 */
public record ChannelCall(UUID runId, String payerId, Inquiry inquiry, int attempt, String humanInput, Heartbeat heartbeat) {

    public ChannelCall {
        if (inquiry == null) {
            throw new IllegalArgumentException("a channel call needs an inquiry");
        }
        heartbeat = heartbeat == null ? Heartbeat.NONE : heartbeat;
    }

    /** Without a heartbeat (unit tests, tools). */
    public ChannelCall(UUID runId, String payerId, Inquiry inquiry, int attempt, String humanInput) {
        this(runId, payerId, inquiry, attempt, humanInput, Heartbeat.NONE);
    }

    public Purpose purpose() {
        return inquiry.purpose();
    }
}

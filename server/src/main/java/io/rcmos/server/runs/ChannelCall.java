package io.rcmos.server.runs;

import java.util.UUID;

/**
 * One attempt of a channel at a run. {@code input} is the typed request of the purpose
 * ({@code EligibilityRequest} or {@code ClaimStatusRequest}); {@code humanInput} is what a person supplied at
 * the last breakpoint (an MFA code), or null. {@code heartbeat} is where a long attempt reports progress.
 */
public record ChannelCall(UUID runId, Purpose purpose, String payerId, Object input, int attempt, String humanInput,
                          Heartbeat heartbeat) {

    public ChannelCall {
        heartbeat = heartbeat == null ? Heartbeat.NONE : heartbeat;
    }

    /** Without a heartbeat (unit tests, tools). */
    public ChannelCall(UUID runId, Purpose purpose, String payerId, Object input, int attempt, String humanInput) {
        this(runId, purpose, payerId, input, attempt, humanInput, Heartbeat.NONE);
    }
}

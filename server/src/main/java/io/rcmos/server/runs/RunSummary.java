package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.advice.ErrorAdvice;

import java.time.Instant;
import java.util.UUID;

/**
 * A run in a list: identity, status and timing, without input or output. {@code source} says who answered a
 * succeeded run ({@code clearinghouse}, {@code portal}, {@code human}; null until then); {@code memberHint} is the
 * last four characters of the subscriber's member id ({@code ••••2649}), null for callers who may not see PHI.
 */
public record RunSummary(UUID runId, Purpose purpose, String payerId, UUID batchId, RunStatus status, String route,
                         int attempts, Instant createdAt, Instant updatedAt, Long durationMs, RunView.RunError error,
                         String source, UUID rerunOf, String memberHint) {

    /** This summary as shown to a caller: advice attached; no member hint when the caller may not see PHI. */
    RunSummary shown(ErrorAdvice table, boolean phiAllowed) {
        return new RunSummary(runId, purpose, payerId, batchId, status, route, attempts, createdAt, updatedAt, durationMs,
                error == null ? null : error.withAdvice(table), source, rerunOf, phiAllowed ? memberHint : null);
    }
}

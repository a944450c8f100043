package io.rcmos.server.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A run as {@code GET /runs/{id}} shows it. {@code input} and {@code output} are the typed request and result
 * (JSON objects: an eligibility or claim-status request/result); {@code timeline} lists every transition.
 */
public record RunView(
        UUID runId,
        Purpose purpose,
        String payerId,
        UUID batchId,
        RunStatus status,
        String route,
        String requestedRoute,
        int attempts,
        LocalDate businessDate,
        String idempotencyKey,
        Instant createdAt,
        Instant updatedAt,
        Long durationMs,
        Object input,
        Object output,
        RunError error,
        List<TimelineEntry> timeline) {

    /** Why a run failed: a stable code, a message without PHI, and whether trying again may help. */
    public record RunError(String code, String message, boolean retryable) {
    }

    public record TimelineEntry(Instant ts, String type, String detail) {
    }
}

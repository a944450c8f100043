package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.advice.Advice;
import io.rcmos.server.advice.ErrorAdvice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A run as {@code GET /runs/{id}} shows it. {@code input} and {@code output} are the typed request and result
 * (JSON objects: an eligibility or claim-status request/result); {@code timeline} lists every transition.
 * {@code rerunOf} is the run this one reruns, {@code reruns} the runs that rerun this one (oldest first). For a
 * caller who may not see patient data (role {@code viewer}) input and output are masked (identifiers as their last four
 * characters, names as initials, birth dates as the year) and {@code phiRedacted} is true.
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
        UUID rerunOf,
        List<UUID> reruns,
        boolean phiRedacted,
        List<TimelineEntry> timeline) {

    /**
     * Why a run failed: a stable code, a message without PHI, whether trying again may help, and what a person should
     * do about it ({@code advice}, from the advice table; null for codes it does not know). Only the first three are
     * stored with the run; advice is looked up when the run is read.
     */
    public record RunError(String code, String message, boolean retryable, Advice advice) {

        public RunError(String code, String message, boolean retryable) {
            this(code, message, retryable, null);
        }

        RunError withAdvice(ErrorAdvice table) {
            return new RunError(code, message, retryable, table.of(code));
        }
    }

    public record TimelineEntry(Instant ts, String type, String detail) {
    }

    /** This view as shown to a caller: advice attached; input and output masked when the caller may not see PHI. */
    RunView shown(ErrorAdvice table, boolean phiAllowed) {
        return new RunView(runId, purpose, payerId, batchId, status, route, requestedRoute, attempts, businessDate, idempotencyKey,
                createdAt, updatedAt, durationMs, phiAllowed ? input : masked(input), phiAllowed ? output : masked(output),
                error == null ? null : error.withAdvice(table), rerunOf, reruns, !phiAllowed, timeline);
    }

    private static Object masked(Object json) {
        return json instanceof tools.jackson.databind.JsonNode node ? Masked.phi(node) : null;
    }
}

package io.rcmos.server.runs;

import java.time.Instant;
import java.util.UUID;

/** A run in a list: identity, status and timing, without input or output. */
public record RunSummary(UUID runId, Purpose purpose, String payerId, UUID batchId, RunStatus status, String route,
                         int attempts, Instant createdAt, Instant updatedAt, Long durationMs, RunView.RunError error) {
}

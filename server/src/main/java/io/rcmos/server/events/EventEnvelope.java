package io.rcmos.server.events;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The event envelope consumers receive (SSE {@code data}, Redis): {@code {type, run_id?, batch_id?, payload, ts, source}}.
 * Types are dotted past tense ({@code run.created}, {@code breakpoint.mfa.requested}); payloads hold ids and codes only.
 */
public record EventEnvelope(@NotNull String type, UUID runId, UUID batchId, @NotNull Map<String, Object> payload,
                            @NotNull Instant ts, @NotNull String source) {

    static EventEnvelope of(Event e) {
        return new EventEnvelope(e.type(), e.runId(), e.batchId(), e.payload(), e.ts(), e.source());
    }
}

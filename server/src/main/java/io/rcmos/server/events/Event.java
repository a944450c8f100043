package io.rcmos.server.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event as stored in the outbox and sent to consumers. {@code id} is the outbox position (used as the SSE
 * event id and for {@code Last-Event-ID} resume). Payloads carry ids, statuses and codes, never PHI values.
 */
public record Event(@JsonIgnore long id, String type, UUID runId, UUID batchId, Map<String, Object> payload,
                    Instant ts, String source) {
}

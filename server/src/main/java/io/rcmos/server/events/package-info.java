/**
 * Events: the transactional outbox and everything that reads it (SSE, the Redis relay, metrics).
 * Envelope {@code {type, run_id?, batch_id?, payload, ts, source}}; types are dotted past tense.
 * Modules append through {@link io.rcmos.server.events.Events} inside the transaction that changes state.
 */
package io.rcmos.server.events;

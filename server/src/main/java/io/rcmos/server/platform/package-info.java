/**
 * Wiring and the embedded runtime: which engine backs each concern (embedded PostgreSQL or {@code DATABASE_URL},
 * the in-process Temporal server or {@code TEMPORAL_ADDRESS}), the error edge (problem+json), health and service
 * info. Business modules depend on this package; it depends on none of them.
 */
package io.rcmos.server.platform;

/**
 * The typed requests and results of the two questions RCM OS answers: eligibility (X12 270/271) and claim
 * status (X12 276/277).
 *
 * <p>These records are the public contract: the HTTP API binds them, {@code GET /schemas} publishes JSON
 * Schemas generated from them, and every channel (clearinghouse, portal, human) fills the same result types.
 * Component names are camelCase in Java and snake_case on the wire (the server's single JSON mapper applies
 * the naming strategy). Dates are {@link java.time.LocalDate} ({@code YYYY-MM-DD} on the wire).
 */
package io.rcmos.x12.model;

/**
 * The clearinghouse: eligibility and claim status through Stedi. Two sides that do not depend on each other:
 * {@code outbound} (the Stedi client and mappers, JSON or raw X12, the channel, control numbers per trading partner,
 * the exchange journal and error classification, see stedi.md) and {@code inbound} (webhook intake: verification,
 * deliveries, 277 reports attached to the runs that wait for them). What they share lives here: the settings
 * ({@link io.rcmos.server.clearinghouse.StediProperties}), the claim watches
 * ({@link io.rcmos.server.clearinghouse.ClaimWatches}) and the 277 report contract
 * ({@link io.rcmos.server.clearinghouse.ClaimStatusReportSource}), implemented outbound and used inbound.
 */
package io.rcmos.server.clearinghouse;

/**
 * Runs: one eligibility or claim-status check from submission to answer.
 *
 * <p>Public surface: {@link io.rcmos.server.runs.RunService} (submit, read, list, human input), the records it
 * returns, and the channel SPI ({@link io.rcmos.server.channels.Channel}, {@link io.rcmos.server.channels.ChannelCall},
 * {@link io.rcmos.server.channels.ChannelOutcome}) that the clearinghouse and portal modules implement. A run is a
 * Temporal workflow ({@code workflow} sub-package); the workflow carries only ids, so PHI stays in PostgreSQL
 * and never enters workflow history.
 */
package io.rcmos.server.runs;

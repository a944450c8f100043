/**
 * The clearinghouse channel: eligibility and claim status through Stedi (JSON or raw X12), control numbers per
 * trading partner, error classification (transient / data / enrollment, see stedi.md) and webhook intake.
 */
package io.rcmos.server.clearinghouse;

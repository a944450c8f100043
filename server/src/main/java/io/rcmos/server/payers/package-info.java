/** Payer configuration: which channels answer for a payer, with which ids, limits and maintenance windows. */
package io.rcmos.server.payers;

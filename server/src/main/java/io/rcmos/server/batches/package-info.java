/**
 * Batches: a CSV or NDJSON file streamed in, every row checked like {@code POST /runs} (row, column, message),
 * stored whole or not at all; a batch workflow that starts a run per valid row in a sliding window, through the
 * routing policy and governance of every run; progress events; and one results file in input order.
 */
package io.rcmos.server.batches;

package io.rcmos.server.clearinghouse;

import io.rcmos.x12.model.ClaimStatusResult;

/** A 277 report fetched from the clearinghouse: the claims it answers and the raw 277 (null when the report had none). */
public record ClaimStatusReport(ClaimStatusResult result, String x12) {
}

package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * The body of {@code POST /runs}. {@code T} is the purpose's input type; the JSON Schema of each purpose is
 * generated from this record with {@code T} bound ({@code eligibility_run_request}, {@code claim_status_run_request}).
 *
 * @param payerId      the payer's id (UnitedHealthcare = 87726), leading zeros kept
 * @param businessDate the day the check is for; defaults to today; part of the idempotency key
 * @param route        {@code auto} (default) or the name of a channel: {@code clearinghouse}, {@code portal}
 */
public record RunSubmission<T>(
        @NotNull Purpose purpose,
        @NotNull @Size(min = 1, max = 20) @Pattern(regexp = "^[A-Za-z0-9]+$") String payerId,
        LocalDate businessDate,
        @Pattern(regexp = "^[a-z_]{1,32}$") String route,
        @NotNull T input) {
}

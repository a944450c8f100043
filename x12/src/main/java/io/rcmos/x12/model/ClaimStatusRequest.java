package io.rcmos.x12.model;

import jakarta.validation.constraints.NotNull;

/** Where is this claim? The input of a claim-status run (becomes a 276 or a portal claim search). */
public record ClaimStatusRequest(
        @NotNull Provider provider,
        @NotNull Subscriber subscriber,
        Dependent dependent,
        @NotNull ClaimReference claim) {
}

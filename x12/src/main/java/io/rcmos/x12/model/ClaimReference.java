package io.rcmos.x12.model;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The claim asked about: the provider's patient control number, the payer's claim number if known, service dates. */
public record ClaimReference(
        @NotNull @Size(min = 1, max = 38) String patientControlNumber,
        @Size(min = 1, max = 50) String payerClaimNumber,
        @NotNull LocalDate serviceDateFrom,
        @NotNull LocalDate serviceDateTo,
        @DecimalMin("0") BigDecimal totalCharge) {
}

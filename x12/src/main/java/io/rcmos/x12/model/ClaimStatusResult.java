package io.rcmos.x12.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The answer to a claim-status question: every matching claim with its status and service lines. */
public record ClaimStatusResult(List<Claim> claims, List<AaaError> errors, Source source) {

    public record Claim(
            String payerClaimNumber,
            String patientControlNumber,
            String statusCategoryCode,
            String statusCode,
            String entityCode,
            String statusDescription,
            LocalDate effectiveDate,
            BigDecimal totalCharge,
            BigDecimal amountPaid,
            LocalDate paidDate,
            String checkNumber,
            List<ServiceLine> serviceLines) {
    }

    public record ServiceLine(
            String procedureCode,
            BigDecimal charge,
            BigDecimal paid,
            String statusCategoryCode,
            String statusCode) {
    }
}

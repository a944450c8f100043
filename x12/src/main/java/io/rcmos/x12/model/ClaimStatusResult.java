package io.rcmos.x12.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a claim-status question: every matching claim with its status and service lines. The flat status
 * fields of a claim or line are its first status (STC01 of its first STC); {@code statuses} keeps every composite of
 * every STC (STC01, STC10, STC11) in order, because payers report more than one (e.g. pended, then a request for
 * information).
 */
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
            List<ServiceLine> serviceLines,
            LocalDate serviceDateFrom,
            LocalDate serviceDateTo,
            List<Status> statuses) {

        /** A claim known by its first status only (answers from channels that show one status). */
        public Claim(String payerClaimNumber, String patientControlNumber, String statusCategoryCode, String statusCode,
                     String entityCode, String statusDescription, LocalDate effectiveDate, BigDecimal totalCharge,
                     BigDecimal amountPaid, LocalDate paidDate, String checkNumber, List<ServiceLine> serviceLines) {
            this(payerClaimNumber, patientControlNumber, statusCategoryCode, statusCode, entityCode, statusDescription,
                    effectiveDate, totalCharge, amountPaid, paidDate, checkNumber, serviceLines, null, null,
                    statusCategoryCode == null ? List.of()
                            : List.of(new Status(statusCategoryCode, statusCode, entityCode, effectiveDate)));
        }
    }

    public record ServiceLine(
            String procedureCode,
            BigDecimal charge,
            BigDecimal paid,
            String statusCategoryCode,
            String statusCode,
            LocalDate serviceDate,
            List<Status> statuses) {

        public ServiceLine(String procedureCode, BigDecimal charge, BigDecimal paid, String statusCategoryCode, String statusCode) {
            this(procedureCode, charge, paid, statusCategoryCode, statusCode, null,
                    statusCategoryCode == null ? List.of() : List.of(new Status(statusCategoryCode, statusCode, null, null)));
        }
    }

    /**
     * One health care claim status composite: category (code list 507, e.g. {@code F1}), status (508, e.g. {@code 65}),
     * entity (98, e.g. {@code PR}) and the date of the STC it came from.
     */
    public record Status(String categoryCode, String statusCode, String entityCode, LocalDate effectiveDate) {
    }
}

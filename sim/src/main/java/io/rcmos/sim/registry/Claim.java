package io.rcmos.sim.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A claim a simulated payer holds for a member, with its current status (X12 277 STC category and status codes). */
public record Claim(
        String memberId,
        String patientControlNumber,
        String payerClaimNumber,
        String categoryCode,
        String statusCode,
        LocalDate serviceFrom,
        LocalDate serviceTo,
        BigDecimal charge,
        BigDecimal paid,
        LocalDate paidDate,
        String checkNumber,
        List<Line> lines) {

    public record Line(String procedureCode, BigDecimal charge, BigDecimal paid, String categoryCode, String statusCode) {
    }
}

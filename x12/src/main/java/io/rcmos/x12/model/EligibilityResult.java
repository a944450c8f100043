package io.rcmos.x12.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The answer to an eligibility question, whichever channel gave it. */
public record EligibilityResult(
        CoverageStatus coverageStatus,
        Party payer,
        Plan plan,
        Subscriber subscriber,
        List<Benefit> benefits,
        BigDecimal copay,
        BigDecimal coinsurancePercent,
        Accumulator deductible,
        Accumulator outOfPocket,
        List<AaaError> errors,
        Source source) {

    public enum CoverageStatus {
        ACTIVE, INACTIVE, NOT_FOUND, ERROR, UNKNOWN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Party(String id, String name) {
    }

    public record Plan(String name, String groupNumber, LocalDate begin, LocalDate end) {
    }

    /** A total and what remains of it (deductible, out-of-pocket), in-network and individual where the payer says so. */
    public record Accumulator(BigDecimal total, BigDecimal remaining) {
    }

    /** One EB segment (or one row of a portal's benefits table). {@code inNetwork} is yes, no, unknown or not_applicable. */
    public record Benefit(
            String code,
            String name,
            List<String> serviceTypeCodes,
            String coverageLevel,
            String inNetwork,
            String timePeriod,
            BigDecimal amount,
            BigDecimal percent,
            BigDecimal quantity,
            Boolean authRequired,
            List<String> messages) {
    }
}

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

    /**
     * One EB segment (or one row of a portal's benefits table). {@code inNetwork} is yes, no, unknown or not_applicable.
     * The 271's detail of the benefit travels too: EB04 insurance type, EB05 plan coverage, EB09 quantity qualifier,
     * EB13 procedure, the 2110 dates (DTP) and the 2120 related entities (NM1 between LS and LE).
     */
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
            List<String> messages,
            String insuranceType,
            String planCoverage,
            String quantityQualifier,
            String procedureCode,
            List<BenefitDate> dates,
            List<RelatedEntity> relatedEntities) {

        /** A benefit without the 271's extra detail (portal rows, simulator answers). */
        public Benefit(String code, String name, List<String> serviceTypeCodes, String coverageLevel, String inNetwork, String timePeriod,
                       BigDecimal amount, BigDecimal percent, BigDecimal quantity, Boolean authRequired, List<String> messages) {
            this(code, name, serviceTypeCodes, coverageLevel, inNetwork, timePeriod, amount, percent, quantity, authRequired, messages,
                    null, null, null, null, List.of(), List.of());
        }
    }

    /** A DTP of a benefit: qualifier (e.g. 348 benefit begin, 472 service) and its date or range. */
    public record BenefitDate(String qualifier, LocalDate from, LocalDate to) {
    }

    /** A party named for a benefit (2120C/D NM1): entity code (e.g. PR payer, P3 primary care provider), name, id. */
    public record RelatedEntity(String entityCode, String name, String idQualifier, String id) {
    }
}

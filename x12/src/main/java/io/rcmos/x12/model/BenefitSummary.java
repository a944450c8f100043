package io.rcmos.x12.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The summary fields of an eligibility answer, derived from its benefits the way billing staff read a 271:
 * in-network (EB12 {@code Y}, or {@code W} = both), individual level (EB02 {@code IND} or absent); the copay of
 * service type 30 (plan) or 98 (office visit); totals are calendar/service-year amounts (EB06 21–25) and
 * "remaining" is EB06 29. Shared by every channel so they all summarise alike.
 */
public final class BenefitSummary {

    private BenefitSummary() {
    }

    public static EligibilityResult.CoverageStatus status(List<EligibilityResult.Benefit> benefits, List<AaaError> errors) {
        if (errors.stream().anyMatch(e -> "75".equals(e.code()) || "67".equals(e.code()))) {
            return EligibilityResult.CoverageStatus.NOT_FOUND;
        }
        if (!errors.isEmpty()) {
            return EligibilityResult.CoverageStatus.ERROR;
        }
        if (benefits.stream().anyMatch(b -> "1".equals(b.code()))) {
            return EligibilityResult.CoverageStatus.ACTIVE;
        }
        if (benefits.stream().anyMatch(b -> "6".equals(b.code()))) {
            return EligibilityResult.CoverageStatus.INACTIVE;
        }
        return EligibilityResult.CoverageStatus.UNKNOWN;
    }

    private static final Predicate<EligibilityResult.Benefit> IN_NETWORK_INDIVIDUAL =
            b -> ("yes".equals(b.inNetwork()) || "not_applicable".equals(b.inNetwork()))
                    && (b.coverageLevel() == null || "IND".equals(b.coverageLevel()));

    public static BigDecimal copay(List<EligibilityResult.Benefit> benefits) {
        return first(benefits, "B", IN_NETWORK_INDIVIDUAL.and(b -> b.serviceTypeCodes().contains("30")
                || b.serviceTypeCodes().contains("98")), null);
    }

    public static BigDecimal coinsurancePercent(List<EligibilityResult.Benefit> benefits) {
        return benefits.stream().filter(b -> "A".equals(b.code())).filter(IN_NETWORK_INDIVIDUAL).map(EligibilityResult.Benefit::percent)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    public static EligibilityResult.Accumulator deductible(List<EligibilityResult.Benefit> benefits) {
        return accumulator(benefits, "C");
    }

    public static EligibilityResult.Accumulator outOfPocket(List<EligibilityResult.Benefit> benefits) {
        return accumulator(benefits, "G");
    }

    private static EligibilityResult.Accumulator accumulator(List<EligibilityResult.Benefit> benefits, String code) {
        BigDecimal total = benefits.stream().filter(b -> code.equals(b.code())).filter(IN_NETWORK_INDIVIDUAL)
                .filter(b -> b.timePeriod() == null || List.of("21", "22", "23", "24", "25").contains(b.timePeriod()))
                .map(EligibilityResult.Benefit::amount).filter(Objects::nonNull).findFirst().orElse(null);
        BigDecimal remaining = first(benefits, code, IN_NETWORK_INDIVIDUAL, "29");
        return total == null && remaining == null ? null : new EligibilityResult.Accumulator(total, remaining);
    }

    private static BigDecimal first(List<EligibilityResult.Benefit> benefits, String code, Predicate<EligibilityResult.Benefit> filter,
                                    String time) {
        return benefits.stream().filter(b -> code.equals(b.code())).filter(filter)
                .filter(b -> time == null || time.equals(b.timePeriod()))
                .map(EligibilityResult.Benefit::amount).filter(Objects::nonNull).findFirst().orElse(null);
    }
}

package io.rcmos.x12.write;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.Eligibility271Reader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 271 written by us and read back by our reader: the same answer, and no problems. */
class Eligibility271WriterTest {

    private static final Envelope ENVELOPE = new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', 5, 5, 5, LocalDateTime.of(2026, 11, 24, 9, 0));

    @Test
    void activeAnswerRoundTrips() {
        var benefits = List.of(
                new EligibilityResult.Benefit("1", "Active Coverage", List.of("30"), "IND", "unknown", null, null, null, null, null, List.of()),
                new EligibilityResult.Benefit("B", "Co-Payment", List.of("98", "30"), "IND", "yes", "27", new BigDecimal("25"), null, null, null,
                        List.of("Office visit copay")),
                new EligibilityResult.Benefit("C", "Deductible", List.of("30"), "IND", "yes", "23", new BigDecimal("1500"), null, null, null, List.of()),
                new EligibilityResult.Benefit("C", "Deductible", List.of("30"), "IND", "yes", "29", new BigDecimal("900.5"), null, null, null, List.of()),
                new EligibilityResult.Benefit("CB", "Coverage Basis", List.of("2"), "IND", "yes", null, null, null, null, true, List.of("Prior auth")));
        EligibilityResult result = new EligibilityResult(EligibilityResult.CoverageStatus.ACTIVE,
                new EligibilityResult.Party("87726", "UnitedHealthcare"), new EligibilityResult.Plan("Choice Plus", "GRP1",
                LocalDate.of(2026, 1, 1), null), new Subscriber("UHC202649", "JOHN", "DOE", LocalDate.of(1980, 1, 31), "M"),
                benefits, null, null, null, null, List.of(), Source.CLEARINGHOUSE);
        String x12 = new Eligibility271Writer().write(result, "Sunrise Clinic", "1999999984", "T1", ENVELOPE);
        var read = new Eligibility271Reader().read(x12.getBytes());
        assertThat(read.problems()).isEmpty();
        EligibilityResult back = read.result();
        assertThat(back.coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
        assertThat(back.subscriber().memberId()).isEqualTo("UHC202649");
        assertThat(back.plan().groupNumber()).isEqualTo("GRP1");
        assertThat(back.plan().begin()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(back.benefits()).hasSize(5);
        assertThat(back.copay()).isEqualByComparingTo("25");
        assertThat(back.deductible().remaining()).isEqualByComparingTo("900.5");
        assertThat(back.benefits().get(1).messages()).containsExactly("Office visit copay");
        assertThat(back.benefits().get(1).serviceTypeCodes()).containsExactly("98", "30");
        assertThat(back.benefits().get(4).authRequired()).isTrue();
    }

    @Test
    void rejectionsLandInTheirLoops() {
        EligibilityResult result = new EligibilityResult(EligibilityResult.CoverageStatus.ERROR,
                new EligibilityResult.Party("87726", "UnitedHealthcare"), null, new Subscriber("X1", null, "DOE", null, null), List.of(),
                null, null, null, null, List.of(new AaaError("50", "Provider Ineligible for Inquiries", "N", "Loop 2100B"),
                new AaaError("75", "Subscriber/Insured Not Found", "C", "Loop 2100C")), Source.CLEARINGHOUSE);
        var read = new Eligibility271Reader().read(new Eligibility271Writer().write(result, "Clinic", "1999999984", "T2", ENVELOPE).getBytes());
        assertThat(read.problems()).isEmpty();
        assertThat(read.result().errors()).extracting(AaaError::code, AaaError::loop, AaaError::followUp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("50", "Loop 2100B", "N"), org.assertj.core.groups.Tuple.tuple("75", "Loop 2100C", "C"));
        assertThat(read.result().coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.NOT_FOUND);
    }
}

package io.rcmos.x12.write;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.ClaimStatus277Reader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 277 written by us (the simulator's answers) and read back by our reader: the same claims, and no problems. */
class ClaimStatus277WriterTest {

    private static final Envelope ENVELOPE = new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', 7, 7, 7, LocalDateTime.of(2026, 11, 24, 9, 0));
    private static final ClaimStatus277Writer.Parties PARTIES = new ClaimStatus277Writer.Parties("UnitedHealthcare", "87726",
            "RCM OS", "RCMOS", "Sunrise Clinic", "1999999984", new Subscriber("SIM00000001", "JOHN", "DOE", null, null));

    @Test
    void paidClaimWithLinesAndSeveralStatusesRoundTrips() {
        var line = new ClaimStatusResult.ServiceLine("99213", new BigDecimal("125.00"), new BigDecimal("100.00"), "F1", "65",
                LocalDate.of(2026, 11, 2), List.of(new ClaimStatusResult.Status("F1", "65", null, LocalDate.of(2026, 11, 16))));
        var claim = new ClaimStatusResult.Claim("SC123", "PCN-1", "F1", "65", "PR", null, LocalDate.of(2026, 11, 16),
                new BigDecimal("125.00"), new BigDecimal("100.00"), LocalDate.of(2026, 11, 16), "CHK778", List.of(line),
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3),
                List.of(new ClaimStatusResult.Status("F1", "65", "PR", LocalDate.of(2026, 11, 16)),
                        new ClaimStatusResult.Status("F1", "107", "PR", LocalDate.of(2026, 11, 16))));
        String x12 = new ClaimStatus277Writer().write(new ClaimStatusResult(List.of(claim), List.of(), Source.CLEARINGHOUSE), PARTIES,
                "TRACE1", ENVELOPE);

        var read = new ClaimStatus277Reader().read(x12.getBytes());

        assertThat(read.problems()).isEmpty();
        assertThat(x12).contains("ST*277*0007*005010X212~").contains("BHT*0010*08*TRACE1*20261124*0900*DG~");
        ClaimStatusResult.Claim back = read.result().claims().get(0);
        assertThat(back.payerClaimNumber()).isEqualTo("SC123");
        assertThat(back.patientControlNumber()).isEqualTo("PCN-1");
        assertThat(back.statusCategoryCode()).isEqualTo("F1");
        assertThat(back.statusDescription()).isEqualTo("Finalized/Payment");
        assertThat(back.totalCharge()).isEqualByComparingTo("125");
        assertThat(back.amountPaid()).isEqualByComparingTo("100");
        assertThat(back.paidDate()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(back.checkNumber()).isEqualTo("CHK778");
        assertThat(back.serviceDateFrom()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(back.serviceDateTo()).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(back.statuses()).extracting(ClaimStatusResult.Status::statusCode).containsExactly("65", "107");
        assertThat(back.serviceLines()).singleElement().satisfies(l -> {
            assertThat(l.procedureCode()).isEqualTo("99213");
            assertThat(l.paid()).isEqualByComparingTo("100");
            assertThat(l.statusCategoryCode()).isEqualTo("F1");
            assertThat(l.serviceDate()).isEqualTo(LocalDate.of(2026, 11, 2));
        });
    }

    @Test
    void noClaimsAnswersNotFound() {
        String x12 = new ClaimStatus277Writer().write(new ClaimStatusResult(List.of(), List.of(), Source.CLEARINGHOUSE), PARTIES,
                "TRACE2", ENVELOPE);
        var read = new ClaimStatus277Reader().read(x12.getBytes());
        assertThat(read.problems()).isEmpty();
        assertThat(read.result().claims()).singleElement().satisfies(c -> {
            assertThat(c.statusCategoryCode()).isEqualTo("D0");
            assertThat(c.statusCode()).isEqualTo("35");
        });
    }

    @Test
    void dataWithAsterisksGetsOtherDelimiters() {
        var parties = new ClaimStatus277Writer.Parties("Pay*er", "87726", "RCM OS", "RCMOS", "Clinic~A", "1999999984",
                new Subscriber("M:1", "A^B", "DOE", null, null));
        var claim = new ClaimStatusResult.Claim("X*1", "P~1", "P1", "20", "PR", null, null, null, null, null, null, List.of());
        String x12 = new ClaimStatus277Writer().write(new ClaimStatusResult(List.of(claim), List.of(), Source.CLEARINGHOUSE), parties,
                "T3", ENVELOPE);
        var read = new ClaimStatus277Reader().read(x12.getBytes());
        assertThat(read.problems()).isEmpty();
        assertThat(read.result().claims().get(0).payerClaimNumber()).isEqualTo("X*1");
        assertThat(read.result().claims().get(0).patientControlNumber()).isEqualTo("P~1");
    }
}

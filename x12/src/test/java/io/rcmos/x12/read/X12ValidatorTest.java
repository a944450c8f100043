package io.rcmos.x12.read;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.write.ClaimStatus277Writer;
import io.rcmos.x12.write.Eligibility271Writer;
import io.rcmos.x12.write.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The implementation-guide validator on the public samples, on our own writers' output, and on mutated input. */
class X12ValidatorTest {

    /** A problem's code in its wire form (the CLI's and the API's text). */
    private static String code(X12Problem p) {
        return p.code().name();
    }

    private static List<X12Problem> validate(String sample) throws IOException {
        return X12Validator.validate(Samples.bytes(sample));
    }

    @ParameterizedTest
    @ValueSource(strings = {"270-lfh-subscriber.x12", "270-lfh-dependent.x12", "270-lfh-subscriber-drug-in-office.x12",
            "270-lfh-dependent-commercial.x12", "270-lfh-demo-single-line.x12", "270-stupidedi-subscriber.x12",
            "270-stupidedi-dependent.x12", "271-lfh-subscriber.x12", "271-lfh-dependent.x12", "271-lfh-subscriber-prv.x12",
            "271-stupidedi-aaa50.x12", "276-lfh-claim-level.x12", "276-lfh-claim-level-ncpdp.x12", "276-lfh-info-receiver-level.x12",
            "276-lfh-provider-level.x12", "276-stupidedi-claim-request.x12", "277-lfh-claim-level-multi-stc.x12",
            "277-lfh-claim-level-ncpdp.x12", "277-lfh-info-receiver-level.x12", "277-stupidedi-claim-response.x12",
            "277-stupidedi-provider-response.x12", "999-imsweb-rejected.x12", "999-stupidedi-3-837s.x12"})
    void cleanImplementationGuideExamplesHaveNoProblems(String sample) throws IOException {
        assertThat(validate(sample)).isEmpty();
    }

    @Test
    void negativeSamplesAreReportedPrecisely() throws IOException {
        // SE02 4323 != ST02 4321
        assertThat(validate("271-lfh-aaa50-provider-ineligible.x12")).extracting(X12ValidatorTest::code, X12Problem::segment, X12Problem::tag)
                .containsExactly(tuple("CONTROL_REFERENCE_MISMATCH", 10, "SE"));
        // NM108/NM109 are "not used" in 2100D of X279A1
        assertThat(validate("271-lfh-dependent-prv.x12")).extracting(X12ValidatorTest::code, X12Problem::segment, X12Problem::element)
                .containsExactly(tuple("ELEMENT_NOT_USED", 17, 8), tuple("ELEMENT_NOT_USED", 17, 9));
        // GS01 says HS for a 271, and the file ends after SE
        assertThat(validate("271-nodex12-medicare-many-eb.x12")).extracting(X12ValidatorTest::code)
                .containsExactly("UNREADABLE", "WRONG_FUNCTIONAL_GROUP");
        // ISA/GS 4010 around a 5010 ST: GS08 disagrees with ST03; counts and control numbers wrong
        assertThat(validate("271-imsweb-mixed-envelope.x12")).extracting(X12ValidatorTest::code).containsExactly(
                "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT", "CONTROL_REFERENCE_MISMATCH", "WRONG_VERSION");
        // pre-A1 version
        assertThat(validate("271-stupidedi-x279-subscriber.x12")).extracting(X12ValidatorTest::code, X12Problem::tag, X12Problem::element)
                .containsExactly(tuple("WRONG_VERSION", "ST", 3), tuple("CODE_NOT_ALLOWED", "ST", 3));
        // STC01-3 85 where X212 2200C allows only 1P
        assertThat(validate("277-lfh-provider-level.x12")).extracting(X12ValidatorTest::code, X12Problem::segment, X12Problem::element)
                .containsExactly(tuple("CODE_NOT_ALLOWED", 22, 1));
        // STC03 and STC12 are X214-isms, not used in X212; IEA02 != ISA13
        assertThat(validate("277-imsweb-uhc-multi-hl20.x12")).extracting(X12ValidatorTest::code).contains("CONTROL_REFERENCE_MISMATCH")
                .filteredOn(c -> !c.equals("CONTROL_REFERENCE_MISMATCH")).containsOnly("ELEMENT_NOT_USED");
        assertThat(validate("277-stupidedi-chc-p5.x12")).extracting(X12ValidatorTest::code).containsExactly("CONTROL_REFERENCE_MISMATCH");
        // a 277CA (X214) is not an X212 277
        assertThat(validate("277ca-imsweb-rejected-x214.x12")).extracting(X12ValidatorTest::code).startsWith("WRONG_VERSION");
        // 4010: counts, control numbers, version, and the 5010 guide's rules
        assertThat(validate("270-imsweb-4010.x12")).extracting(X12ValidatorTest::code).contains("WRONG_VERSION", "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT");
        assertThat(validate("276-stupidedi-case1-with-prose.txt")).extracting(X12ValidatorTest::code).containsExactly("UNREADABLE");
    }

    private static final String BASE = "ISA*00*          *00*          *ZZ*RCMOS          *ZZ*STEDI          *261124*0900*^*00501*000000001*0*T*:~"
            + "GS*HS*RCMOS*STEDI*20261124*0900*1*X*005010X279A1~ST*270*0001*005010X279A1~BHT*0022*13*T1*20261124*0900~"
            + "HL*1**20*1~NM1*PR*2*PAYER*****PI*87726~HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1999999984~HL*3*2*22*0~TRN*1*T1*9RCMOS0001~"
            + "NM1*IL*1*DOE*JOHN****MI*M1~DMG*D8*19800131~DTP*291*D8*20261124~EQ*30~SE*13*0001~GE*1*1~IEA*1*000000001~";

    @Test
    void theBaseInquiryIsValid() {
        assertThat(X12Validator.validate(BASE.getBytes())).isEmpty();
    }

    private static List<X12Problem> mutated(String from, String to) {
        String x12 = BASE.replace(from, to);
        // keep SE01 right so that only the mutation is reported
        long count = x12.substring(x12.indexOf("ST*"), x12.indexOf("SE*")).chars().filter(c -> c == '~').count() + 1;
        x12 = x12.replaceAll("SE\\*\\d+\\*", "SE*" + count + "*");
        return X12Validator.validate(x12.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutationsAreNamedWithCodeSegmentAndElement() {
        assertThat(mutated("BHT*0022*13*T1*20261124*0900~", "")).extracting(X12ValidatorTest::code, X12Problem::tag)
                .containsExactly(tuple("REQUIRED_SEGMENT_MISSING", "BHT"));
        assertThat(mutated("HL*3*2*22*0", "HL*3*2*99*0")).extracting(X12ValidatorTest::code).contains("SEGMENT_NOT_EXPECTED");
        assertThat(mutated("NM1*IL*1", "NM1*XX*1")).extracting(X12ValidatorTest::code, X12Problem::segment, X12Problem::element)
                .containsExactly(tuple("CODE_NOT_ALLOWED", 11, 1));
        assertThat(mutated("NM1*1P*2*CLINIC*****XX*1999999984", "NM1*1P*2*CLINIC*****XX")).extracting(X12ValidatorTest::code, X12Problem::element)
                .containsExactly(tuple("REQUIRED_ELEMENT_MISSING", 9));
        assertThat(mutated("DTP*291*D8*20261124", "DTP*291*D8*20261131")).extracting(X12ValidatorTest::code, X12Problem::segment, X12Problem::element)
                .containsExactly(tuple("BAD_DATE", 13, 3));
        assertThat(mutated("HL*3*2*22*0", "HL*3*7*22*0")).extracting(X12ValidatorTest::code).containsExactly("HL_PARENT_UNKNOWN");
        assertThat(mutated("HL*3*2*22*0", "HL*4*2*22*0")).extracting(X12ValidatorTest::code).containsExactly("HL_NUMBERING");
        assertThat(mutated("DMG*D8*19800131~DTP*291*D8*20261124~", "DTP*291*D8*20261124~DMG*D8*19800131~"))
                .extracting(X12ValidatorTest::code, X12Problem::tag).containsExactly(tuple("SEGMENT_NOT_EXPECTED", "DMG"));
        assertThat(mutated("EQ*30~", "EQ*30~EQ*30~EQ*30~")).isEmpty(); // 2110C repeats: three inquiries
        assertThat(mutated("GS*HS", "GS*HB")).extracting(X12ValidatorTest::code).containsExactly("WRONG_FUNCTIONAL_GROUP");
    }

    @Test
    void ourAnswersPassTheGuide() {
        Envelope e = new Envelope("ZZ", "STEDI", "ZZ", "RCMOS", 'T', 3, 3, 3, LocalDateTime.of(2026, 11, 24, 9, 0));
        EligibilityResult eligibility = new EligibilityResult(EligibilityResult.CoverageStatus.ACTIVE,
                new EligibilityResult.Party("87726", "UnitedHealthcare"), new EligibilityResult.Plan("Choice Plus", "GRP1",
                LocalDate.of(2026, 1, 1), null), new Subscriber("M1", "JOHN", "DOE", LocalDate.of(1980, 1, 31), "M"),
                List.of(new EligibilityResult.Benefit("1", null, List.of("30"), "IND", null, null, null, null, null, null, List.of()),
                        new EligibilityResult.Benefit("B", null, List.of("98"), "IND", "yes", "27", new BigDecimal("25"), null, null, null,
                                List.of("Office visit copay"))), null, null, null, null, List.of(), Source.CLEARINGHOUSE);
        assertThat(X12Validator.validate(new Eligibility271Writer().write(eligibility, "Clinic", "1999999984", "T1", e).getBytes())).isEmpty();
        var claim = new ClaimStatusResult.Claim("C1", "P1", "F1", "65", "PR", null, LocalDate.of(2026, 11, 20), new BigDecimal("100"),
                new BigDecimal("80"), LocalDate.of(2026, 11, 20), "CHK1",
                List.of(new ClaimStatusResult.ServiceLine("99213", new BigDecimal("100"), new BigDecimal("80"), "F1", "65")),
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2), List.of());
        String x277 = new ClaimStatus277Writer().write(new ClaimStatusResult(List.of(claim), List.of(), Source.CLEARINGHOUSE),
                new ClaimStatus277Writer.Parties("UHC", "87726", "RCM OS", "RCMOS", "Clinic", "1999999984", new Subscriber("M1", "JOHN", "DOE", null, null)),
                "T1", e);
        assertThat(X12Validator.validate(x277.getBytes())).as(x277).isEmpty();
    }

    @Test
    void truncatedAndRandomInputNeverThrowsOrHangs() throws IOException {
        byte[] sample = Samples.bytes("271-lfh-subscriber.x12");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int cut = 0; cut <= sample.length; cut += 3) {
                X12Validator.validate(java.util.Arrays.copyOf(sample, cut));
            }
            Random random = new Random(42);
            for (int i = 0; i < 300; i++) {
                byte[] noise = new byte[random.nextInt(400)];
                random.nextBytes(noise);
                X12Validator.validate(noise);
                byte[] mutated = sample.clone();
                mutated[random.nextInt(mutated.length)] = (byte) "*~:^ABC0".charAt(random.nextInt(8));
                X12Validator.validate(mutated);
            }
        });
    }
}

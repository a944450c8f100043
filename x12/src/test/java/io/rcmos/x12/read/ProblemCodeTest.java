package io.rcmos.x12.read;

import io.xlate.edi.stream.EDIStreamValidationError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Problem codes are an enum whose names are the wire form: the same text as when they were strings. */
class ProblemCodeTest {

    private static final String INQUIRY = "ISA*00*          *00*          *ZZ*RCMOS          *ZZ*STEDI          *261124*0900*^*00501*000000001*0*T*:~"
            + "GS*HS*RCMOS*STEDI*20261124*0900*1*X*005010X279A1~ST*270*0001*005010X279A1~BHT*0022*13*T1*20261124*0900~"
            + "HL*1**20*1~NM1*PR*2*PAYER*****PI*87726~HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1999999984~HL*3*2*22*0~TRN*1*T1*9RCMOS0001~"
            + "NM1*IL*1*DOE*JOHN****MI*M1~DMG*D8*19800131~DTP*291*D8*20261124~EQ*30~SE*13*0001~GE*1*1~IEA*1*000000001~";

    @Test
    void everyStaediFindingHasACodeOfTheSameName() {
        Arrays.stream(EDIStreamValidationError.values()).filter(e -> e != EDIStreamValidationError.NONE)
                .forEach(e -> assertThat(ProblemCode.of(e).name()).isEqualTo(e.name()));
    }

    @Test
    void theReadersCodesKeepTheirNames() {
        assertThat(new Eligibility271Reader().read(INQUIRY.getBytes()).problems()).extracting(X12Problem::code)
                .containsExactly(ProblemCode.NOT_A_271);
        assertThat(new InquiryReader().read276(INQUIRY.getBytes()).problems()).extracting(X12Problem::code)
                .containsExactly(ProblemCode.NOT_A_276);
        assertThat(new ClaimStatus277Reader().read(INQUIRY.getBytes()).problems()).extracting(X12Problem::code)
                .containsExactly(ProblemCode.NOT_A_277);
        assertThat(new InquiryReader().read270("no".getBytes()).problems()).extracting(X12Problem::code)
                .containsExactly(ProblemCode.UNREADABLE, ProblemCode.NOT_A_270);
    }

    @Test
    void theWireFormIsTheConstantsName() {
        X12Problem p = new X12Problem(ProblemCode.CONTROL_REFERENCE_MISMATCH, 14, "SE", 2, "control number differs");

        assertThat(p.toString()).isEqualTo("segment 14 (SE) element 2: CONTROL_REFERENCE_MISMATCH — control number differs");
        assertThat(JsonMapper.builder().build().writeValueAsString(p)).contains("\"code\":\"CONTROL_REFERENCE_MISMATCH\"");
    }

    @Test
    void anElementErrorDoesNotQuoteTheElementsValue() {
        // GS02 may hold 15 characters; StAEDI's text for the error is the value itself
        String x12 = INQUIRY.replace("GS*HS*RCMOS*", "GS*HS*RCMOSPRIVATEVALUE1234*");

        var problems = X12Validator.validate(x12.getBytes(StandardCharsets.UTF_8));

        assertThat(problems).extracting(X12Problem::code).contains(ProblemCode.DATA_ELEMENT_TOO_LONG);
        assertThat(problems).allSatisfy(p -> assertThat(p.toString()).doesNotContain("PRIVATEVALUE"));
    }
}

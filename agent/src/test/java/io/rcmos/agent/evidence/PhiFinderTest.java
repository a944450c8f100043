package io.rcmos.agent.evidence;

import org.junit.jupiter.api.Test;

import static io.rcmos.agent.evidence.PhiFinder.Kind.BIRTH_DATE;
import static io.rcmos.agent.evidence.PhiFinder.Kind.CONTROL_NUMBER;
import static io.rcmos.agent.evidence.PhiFinder.Kind.MEMBER_ID;
import static io.rcmos.agent.evidence.PhiFinder.Kind.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** The oracle of the PHI scans finds what it must (or a scan that finds nothing proves nothing) and no more. */
class PhiFinderTest {

    private final PhiFinder phi = PhiFinder.create().memberId("QXZ98765432").name("Zebediah").name("Ann").birthDate("1961-07-19")
            .controlNumber("PCN-ZQ-4471");

    @Test
    void findsBirthDatesInAnySpelling() {
        for (String s : new String[]{"1961-07-19", "07/19/1961", "7/19/1961", "07-19-1961", "07191961", "19610719", "7/19/61",
                "Jul 19, 1961", "July 19th, 1961", "19 Jul 1961", "19-JUL-1961", "19.07.1961", "1961/7/19"}) {
            assertThat(phi.inText("dob " + s + " ok")).as(s).containsExactly(BIRTH_DATE);
        }
        assertThat(phi.inText("dob 07/18/1961, 1962-07-19, 07191962")).isEmpty();
    }

    @Test
    void findsValuesEscapedAsTheyAreInJsonUrlsAndHtml() {
        assertThat(phi.inText("{\"d\":\"07\\/19\\/1961\"}")).containsExactly(BIRTH_DATE);
        assertThat(phi.inText("dob=07%2F19%2F1961&x=1")).containsExactly(BIRTH_DATE);
        assertThat(phi.inText("member_id=qxz98765432")).containsExactly(MEMBER_ID);
        assertThat(phi.inText("<p>Zebediah&#32;x</p>")).containsExactly(NAME);
        assertThat(phi.inText("{\"n\":\"\\u005aebediah\"}")).containsExactly(NAME);
        assertThat(phi.inText("ref PCN-ZQ-4471.")).containsExactly(CONTROL_NUMBER);
    }

    @Test
    void namesAreWholeWords() {
        assertThat(phi.inText("Annual deductible, planned")).isEmpty();
        assertThat(phi.inText("Patient: ANN LEE")).containsExactly(NAME);
        assertThat(phi.inText("[REDACTED] [REDACTED]")).isEmpty();
    }

    @Test
    void forgivesOcrConfusions() {
        assertThat(phi.inOcr("Member OXZ98765432")).containsExactly(MEMBER_ID);
        assertThat(phi.inOcr("Member QXZ 9876 5432")).as("spaces OCR puts in an id").containsExactly(MEMBER_ID);
        assertThat(phi.inOcr("Born 7/I9/196l")).containsExactly(BIRTH_DATE);
        assertThat(phi.inOcr("Born 7 / 19 / 1961")).containsExactly(BIRTH_DATE);
        assertThat(phi.inOcr("ZEBEDlAH")).containsExactly(NAME);
        assertThat(phi.inOcr("Eligibility and Benefits\nCoverage Status Active\nPlan Begin Date 01/01/2026")).isEmpty();
    }

    @Test
    void printsKindsNeverValues() {
        assertThat(phi.toString()).doesNotContain("QXZ").doesNotContain("Zebediah").doesNotContain("1961");
    }
}

package io.rcmos.agent.evidence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayFormsTest {

    @Test
    void aDateIsSpelledEveryWayPortalsPrintIt() {
        assertThat(DisplayForms.of("1980-01-05")).containsExactly("1980-01-05", "01/05/1980", "1/5/1980", "01-05-1980", "01051980",
                "19800105", "01/05/80", "1/5/80", "Jan 5, 1980", "Jan 05, 1980", "January 5, 1980", "5 Jan 1980", "05-Jan-1980");
        assertThat(DisplayForms.of("01/05/1980")).contains("1980-01-05", "Jan 5, 1980");
        assertThat(DisplayForms.of("19800105")).contains("1/5/1980");
    }

    @Test
    void textIsShownAsGiven() {
        assertThat(DisplayForms.of("RCMACTIVE01")).containsExactly("RCMACTIVE01");
        assertThat(DisplayForms.of("1980-02-30")).as("not a date").containsExactly("1980-02-30");
        assertThat(DisplayForms.of("")).isEmpty();
        assertThat(DisplayForms.of(null)).isEmpty();
    }

    @Test
    void theRedactorMasksEverySpellingOfADateInText() {
        Redactor r = Redactor.of(List.of("1961-07-19"));
        for (String form : DisplayForms.of("1961-07-19")) {
            assertThat(r.redact("born " + form + ".")).as(form).isEqualTo("born " + Redactor.MASK + ".");
        }
        assertThat(r.redact("born+7%2F19%2F1961")).isEqualTo("born+" + Redactor.MASK);
    }
}

package io.rcmos.server.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class X12TextTest {

    @Test
    void printableAsciiAndLatinLettersPass() {
        for (String ok : new String[]{"John", "O'Brien", "Smith-Jones Jr.", "UHC202649", "José", "Müller", "Łukasz", "Zoë",
                "Sunrise Clinic (North) & Co, #2", "e\u0301"}) {
            assertThat(X12Text.problem(ok)).as(ok).isNull();
        }
    }

    @Test
    void everythingElseIsNamedNeverReplaced() {
        assertThat(X12Text.problem("John\uD83D\uDE00")).contains("emoji").contains("U+1F600");
        assertThat(X12Text.problem("Do\uD800e")).contains("unpaired UTF-16 surrogate");
        assertThat(X12Text.problem("Do\uDC00e")).contains("unpaired UTF-16 surrogate");
        assertThat(X12Text.problem("ab\uD800")).contains("unpaired");
        assertThat(X12Text.problem("a\u0000b")).contains("control");
        assertThat(X12Text.problem("a\tb")).contains("control");
        assertThat(X12Text.problem("a\u0085b")).contains("control");
        assertThat(X12Text.problem("a\u200Bb")).contains("invisible").contains("U+200B");
        assertThat(X12Text.problem("a\u00A0b")).contains("invisible");
        assertThat(X12Text.problem("a\u2028b")).contains("invisible");
        assertThat(X12Text.problem("\u2713")).contains("symbol");
        assertThat(X12Text.problem("€5")).contains("symbol");
        assertThat(X12Text.problem("Дое")).contains("Latin").contains("cyrillic");
        assertThat(X12Text.problem("山田")).contains("Latin");
        assertThat(X12Text.problem("O\u2019Brien")).contains("U+2019");
        assertThat(X12Text.problem("\u0301a")).contains("combining mark");
        for (String delimiter : new String[]{"~", "*", ":", "^"}) {
            assertThat(X12Text.problem("a" + delimiter + "b")).contains("~ * : ^");
        }
    }
}

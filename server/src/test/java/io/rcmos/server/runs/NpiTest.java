package io.rcmos.server.runs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NpiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1999999984, true",   // CMS sample
            "1234567893, true",   // CMS worked example
            "1234567890, false",
            "1999999985, false",
            "123456789, false",
            "12345678901, false",
            "12345678a3, false",
            "'', false",
    })
    void checksTheLuhnDigitWithThe80840Prefix(String npi, boolean valid) {
        assertThat(Npi.isValid(npi)).isEqualTo(valid);
    }
}

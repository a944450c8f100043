package io.rcmos.server.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedTest {

    @Test
    void memberHintShowsOnlyTheLastFourOfALongerId() {
        assertThat(Masked.memberHint("UHC202649")).isEqualTo("••••2649");
        assertThat(Masked.memberHint(" abc12345 ")).isEqualTo("••••2345");
        assertThat(Masked.memberHint("12345")).isEqualTo("••••2345");
    }

    @Test
    void shortOrMissingIdsShowNothingOfThemselves() {
        assertThat(Masked.memberHint("1234")).isEqualTo("••••");
        assertThat(Masked.memberHint("A")).isEqualTo("••••");
        assertThat(Masked.memberHint(null)).isNull();
        assertThat(Masked.memberHint("  ")).isNull();
    }

    @Test
    void initialsAreTheFirstLettersOfTheNames() {
        assertThat(Masked.initials("john", "Doe")).isEqualTo("J.D.");
        assertThat(Masked.initials(null, "Élodie")).isEqualTo("É.");
        assertThat(Masked.initials(" ann", null)).isEqualTo("A.");
        assertThat(Masked.initials(null, " ")).isNull();
    }
}

package io.rcmos.server.batches;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./rcm batch submit}: a command line with several mistakes is answered with all of them, before any request. */
class BatchCliTest {

    @Test
    void everyProblemOfTheCommandLineIsNamedAtOnce() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BatchCli.run(new String[]{"submit", "/no/such/patients.csv", "--purpse", "eligibility", "--format", "xml", "--payer"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text).contains("--purpse is not an option (did you mean --purpose?)")
                .contains("/no/such/patients.csv: no such file")
                .contains("--purpose eligibility|claim_status is required")
                .contains("--format must be csv or json")
                .contains("--payer needs a value")
                .doesNotContain("io.rcmos").doesNotContain("Exception");
    }
}

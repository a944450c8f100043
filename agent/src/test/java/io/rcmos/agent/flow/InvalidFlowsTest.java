package io.rcmos.agent.flow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each broken flow under {@code flows/invalid/} is reported with exactly the problems listed in its
 * {@code .expected} file ({@code line:column: code (at path)}), in file order: nothing missing, nothing extra.
 */
class InvalidFlowsTest {

    private static final Path DIR = Path.of("src/test/resources/flows/invalid");

    static Stream<Path> brokenFlows() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFlows")
    void reportsExactlyTheExpectedProblems(Path flow) throws IOException {
        Path expectedFile = Path.of(flow.toString().replace(".yaml", ".expected"));
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();

        FlowValidation validation = FlowValidator.validate(flow);

        assertThat(validation.problems())
                .extracting(p -> p.line() + ":" + p.column() + ": " + p.code().code() + " (at " + p.path() + ")")
                .containsExactlyElementsOf(expected);
        assertThat(validation.problems()).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(flow.toString());
            assertThat(p.message()).isNotBlank();
        });
        assertThat(validation.isValid()).isFalse();
        assertThat(validation.flow()).isEmpty();
    }
}

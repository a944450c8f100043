package io.rcmos.agent.fuzz;

import io.rcmos.agent.flow.FlowValidation;
import io.rcmos.agent.flow.FlowValidator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Suite R4: fuzzing of the portal flow validator. Any text — the payer flows and the test flows with lines cut,
 * repeated, re-indented or spliced with YAML's sharp edges (anchors, aliases, merge keys, tags, deep nesting, huge
 * scalars), or plain random text — is answered with a validation (problems with file:line:column, or a flow), never
 * an exception, never a hang (2 s per input). `./rcm test` runs a short pass; `./rcm fuzz` the long one.
 */
class FlowValidatorFuzzProperties {

    private static final List<String> SEEDS = seeds();

    static final List<String> TOKENS = List.of(":", ": ", "- ", "  ", "\t", "{", "}", "[", "]", "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ",
            "~", "'", "\"", "#", "|", ">-", "---", "...", "? ", "%YAML 1.1", "\u0000", "\uFEFF", "\uD83D\uDE00", "${{", "{{ input.x }}",
            "[".repeat(200), "- ".repeat(100), "a: &a [*a]", "x".repeat(5000), "0x", "1e999", ".inf", "null", "steps:", "op: fill", "selector:",
            "timeout: -1s", "retries: 99999999999", "when:", "emit:");

    private static List<String> seeds() {
        List<Path> roots = List.of(Path.of("src/test/resources/flows"), Path.of("../config/payers"));
        List<String> out = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    out.add(Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(out).as("flow seeds").hasSizeGreaterThan(5);
        return List.copyOf(out);
    }

    record Edit(int kind, double at, double other, String token) {
    }

    static String apply(String yaml, List<Edit> edits) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        for (Edit e : edits) {
            int n = lines.size();
            int i = Math.min(n - 1, (int) (e.at() * n));
            int j = Math.min(n - 1, (int) (e.other() * n));
            switch (e.kind()) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(j));
                case 2 -> lines.set(i, "  ".repeat(1 + (int) (e.other() * 6)) + lines.get(i).strip());
                case 3 -> {
                    String line = lines.get(i);
                    int at = (int) (e.other() * (line.length() + 1));
                    lines.set(i, line.substring(0, Math.min(at, line.length())) + e.token() + line.substring(Math.min(at, line.length())));
                }
                case 4 -> lines.add(i, e.token());
                default -> lines.subList(i, n).clear();
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines);
    }

    @Provide
    Arbitrary<String> mutatedFlows() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS)).as(Edit::new);
        return Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(i -> edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> apply(SEEDS.get(i), edits)));
    }

    static void validate(String yaml) {
        FlowValidation v = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> FlowValidator.validate("fuzz.yaml", yaml));
        assertThat(v.isValid()).as("a compiled flow exactly when there is no error").isEqualTo(v.flow().isPresent());
        v.problems().forEach(p -> assertThat(p.line()).as("problems name their line").isGreaterThanOrEqualTo(0));
    }

    @Property
    void mutatedFlowsAreAnsweredWithAValidationNeverAnExceptionOrAHang(@ForAll("mutatedFlows") String yaml) {
        validate(yaml);
    }

    @Property
    void randomTextIsAnsweredWithAValidationNeverAnExceptionOrAHang(@ForAll @StringLength(max = 2000) String yaml) {
        validate(yaml);
    }
}

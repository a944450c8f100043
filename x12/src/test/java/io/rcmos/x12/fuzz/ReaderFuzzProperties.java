package io.rcmos.x12.fuzz;

import io.rcmos.x12.read.AcknowledgementReader;
import io.rcmos.x12.read.ClaimStatus277Reader;
import io.rcmos.x12.read.Eligibility271Reader;
import io.rcmos.x12.read.InquiryReader;
import io.rcmos.x12.read.Samples;
import io.rcmos.x12.read.X12Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Suite R4: fuzzing of the X12 readers and validator. Every reader answers any bytes with a result or problems —
 * never an exception, never a hang (2 s per input, a generous bound: a sample file reads in well under a millisecond).
 * Inputs are the public sample files mutated by {@link Mutations} and plain random bytes; jqwik shrinks a failing
 * input to a small one and keeps it in {@code target/jqwik-database} for the next run. `./rcm test` runs a short pass
 * ({@code jqwik.tries.default} in junit-platform.properties); `./rcm fuzz` the long one.
 */
class ReaderFuzzProperties {

    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        try (Stream<Path> files = Files.list(Samples.dir())) {
            return files.sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(i -> Mutations.some().map(m -> m.applyTo(SEEDS.get(i))));
    }

    static void readEverything(byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            new InquiryReader().read270(bytes);
            new InquiryReader().read276(bytes);
            new Eligibility271Reader().read(bytes);
            new ClaimStatus277Reader().read(bytes);
            new AcknowledgementReader().read(bytes);
            X12Validator.validate(bytes);
        });
    }

    @Property
    void mutatedSampleFilesAreReadWithProblemsNeverAnExceptionOrAHang(@ForAll("mutatedSamples") byte[] bytes) {
        readEverything(bytes);
    }

    @Property
    void randomBytesAreReadWithProblemsNeverAnExceptionOrAHang(@ForAll @Size(max = 2048) byte[] bytes) {
        readEverything(bytes);
    }
}

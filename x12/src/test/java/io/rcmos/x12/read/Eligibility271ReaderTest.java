package io.rcmos.x12.read;

import io.rcmos.x12.model.EligibilityResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class Eligibility271ReaderTest {

    private final Eligibility271Reader reader = new Eligibility271Reader();

    @Test
    void subscriberAnswerWithCopays() throws IOException {
        var read = reader.read(Samples.bytes("271-lfh-subscriber.x12"));
        assertThat(read.problems()).isEmpty();
        EligibilityResult r = read.result();
        assertThat(r.coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
        assertThat(r.payer().name()).isEqualTo("ABC COMPANY");
        assertThat(r.payer().id()).isEqualTo("841610001");
        assertThat(r.subscriber().memberId()).isEqualTo("123456789");
        assertThat(r.subscriber().lastName()).isEqualTo("SMITH");
        assertThat(r.subscriber().dateOfBirth()).isEqualTo(LocalDate.of(1963, 5, 19));
        assertThat(r.plan().begin()).isEqualTo(LocalDate.of(2006, 1, 1));
        assertThat(r.plan().name()).isEqualTo("GOLD 123 PLAN");
        assertThat(r.benefits()).extracting(EligibilityResult.Benefit::code).containsExactly("1", "L", "1", "B", "B");
        EligibilityResult.Benefit inNetwork = r.benefits().get(3);
        assertThat(inNetwork.serviceTypeCodes()).containsExactly("1", "33", "35", "47", "86", "88", "98", "AL", "MH", "UC");
        assertThat(inNetwork.amount()).isEqualByComparingTo("10.00");
        assertThat(inNetwork.inNetwork()).isEqualTo("yes");
        assertThat(r.benefits().get(4).inNetwork()).isEqualTo("no");
        assertThat(r.copay()).isEqualByComparingTo("10.00");
    }

    @Test
    void providerIneligibleAaaNamesItsLoop() throws IOException {
        var read = reader.read(Samples.bytes("271-stupidedi-aaa50.x12"));
        assertThat(read.problems()).isEmpty();
        assertThat(read.result().coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ERROR);
        assertThat(read.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("50");
            assertThat(e.description()).isEqualTo("Provider Ineligible for Inquiries");
            assertThat(e.followUp()).isEqualTo("N");
            assertThat(e.loop()).isEqualTo("Loop 2100B");
        });
    }

    @Test
    void controlNumberMismatchIsReportedNotThrown() throws IOException {
        // SOURCES.md: SE02 4323 != ST02 4321 in this file
        var read = reader.read(Samples.bytes("271-lfh-aaa50-provider-ineligible.x12"));
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.tag()).isEqualTo("SE");
            assertThat(p.code()).isEqualTo(ProblemCode.CONTROL_REFERENCE_MISMATCH);
        });
        assertThat(read.result().errors()).extracting(e -> e.code()).contains("50");
    }

    @Test
    void medicareAnswerWithManyBenefitsAndMessages() throws IOException {
        var read = reader.read(Samples.bytes("271-nodex12-medicare-many-eb.x12"));
        assertThat(read.result().benefits().size()).isGreaterThan(5);
        assertThat(read.result().coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
        // SOURCES.md: the file ends after SE (no GE/IEA) — reported, not thrown
        assertThat(read.problems()).isNotEmpty();
    }

    @Test
    void every271SampleReadsWithoutThrowingAndTruncationNeverHangs() throws IOException {
        try (Stream<Path> files = Files.list(Samples.dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("271")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                var read = reader.read(bytes);
                assertThat(read).as(f.getFileName().toString()).isNotNull();
                for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 40)) {
                    byte[] part = java.util.Arrays.copyOf(bytes, cut);
                    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.read(part), f + " cut at " + cut);
                }
            }
        }
        var garbage = reader.read("not x12 at all".getBytes());
        assertThat(garbage.result()).isNull();
        assertThat(garbage.problems()).isNotEmpty();
        assertThat(List.of(garbage.problems().get(0).code())).isNotEmpty();
    }
}

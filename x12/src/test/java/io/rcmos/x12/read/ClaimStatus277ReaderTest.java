package io.rcmos.x12.read;

import io.rcmos.x12.model.ClaimStatusResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ClaimStatus277ReaderTest {

    private final ClaimStatus277Reader reader = new ClaimStatus277Reader();

    @Test
    void everyClaimWithItsStatusAmountsAndServiceLines() throws IOException {
        var read = reader.read(Samples.bytes("277-lfh-claim-level-multi-stc.x12"));
        assertThat(read.problems()).isEmpty();
        var claims = read.result().claims();
        assertThat(claims).hasSize(3);
        ClaimStatusResult.Claim pending = claims.get(0);
        assertThat(pending.statusCategoryCode()).isEqualTo("P3");
        assertThat(pending.statusCode()).isEqualTo("317");
        assertThat(pending.statusDescription()).isEqualTo("Pending/Provider Requested Information");
        assertThat(pending.effectiveDate()).isEqualTo(LocalDate.of(2005, 9, 13));
        assertThat(pending.totalCharge()).isEqualByComparingTo("8513.88");
        assertThat(pending.payerClaimNumber()).isEqualTo("05347006051");
        assertThat(pending.patientControlNumber()).isEqualTo("SM123456");
        ClaimStatusResult.Claim finalized = claims.get(1);
        assertThat(finalized.statusCategoryCode()).isEqualTo("F0");
        assertThat(finalized.amountPaid()).isEqualByComparingTo("7599.00");
        ClaimStatusResult.Claim denied = claims.get(2);
        assertThat(denied.statusCategoryCode()).isEqualTo("F2");
        assertThat(denied.statusCode()).isEqualTo("88");
        assertThat(denied.entityCode()).isEqualTo("QC");
        assertThat(denied.patientControlNumber()).isEqualTo("MA345678");
        assertThat(denied.serviceLines()).singleElement().satisfies(l -> {
            assertThat(l.procedureCode()).isEqualTo("99203");
            assertThat(l.charge()).isEqualByComparingTo("150.00");
            assertThat(l.paid()).isEqualByComparingTo("0.00");
            assertThat(l.statusCategoryCode()).isEqualTo("F2");
            assertThat(l.statusCode()).isEqualTo("88");
        });
    }

    @Test
    void interchangeControlMismatchIsReported() throws IOException {
        // SOURCES.md: IEA02 != ISA13 in this file
        var read = reader.read(Samples.bytes("277-stupidedi-chc-p5.x12"));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p.tag()).isEqualTo("IEA"));
        assertThat(read.result().claims()).extracting(ClaimStatusResult.Claim::statusCategoryCode).contains("P5");
    }

    @Test
    void every277SampleReadsAndTruncationNeverHangs() throws IOException {
        try (Stream<Path> files = Files.list(Samples.dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("277")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(reader.read(bytes)).as(f.getFileName().toString()).isNotNull();
                for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 40)) {
                    byte[] part = java.util.Arrays.copyOf(bytes, cut);
                    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.read(part), f + " cut at " + cut);
                }
            }
        }
    }
}

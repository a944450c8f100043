package io.rcmos.x12.read;

import io.rcmos.x12.model.Acknowledgement;
import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every public sample file either reads to asserted values or, where SOURCES.md marks it malformed, is reported with
 * a precise problem (code, segment, tag) — never an exception. A new file in the folder without an expectation here
 * fails the test.
 */
class SampleFilesTest {

    /** A problem's code in its wire form (the CLI's and the API's text). */
    private static String code(X12Problem p) {
        return p.code().name();
    }

    private record Expectation(Consumer<byte[]> check) {
    }

    private static List<EligibilityRequest> r270(byte[] b, List<String> problemCodes) {
        var read = new InquiryReader().read270(b);
        assertThat(read.problems()).extracting(SampleFilesTest::code).containsExactlyElementsOf(problemCodes);
        return read.inquiries().stream().map(InquiryReader.Inquiry::request).toList();
    }

    private static List<ClaimStatusRequest> r276(byte[] b) {
        var read = new InquiryReader().read276(b);
        assertThat(read.problems()).isEmpty();
        return read.inquiries().stream().map(InquiryReader.Inquiry::request).toList();
    }

    private static EligibilityResult r271(byte[] b, String... problemCodes) {
        var read = new Eligibility271Reader().read(b);
        assertThat(read.problems()).extracting(SampleFilesTest::code).containsExactly(problemCodes);
        return read.result();
    }

    private static ClaimStatusResult r277(byte[] b, String... problemCodes) {
        var read = new ClaimStatus277Reader().read(b);
        assertThat(read.problems()).extracting(SampleFilesTest::code).containsExactly(problemCodes);
        return read.result();
    }

    private static Acknowledgement r999(byte[] b, String... problemCodes) {
        var read = new AcknowledgementReader().read(b);
        assertThat(read.problems()).extracting(SampleFilesTest::code).containsExactly(problemCodes);
        return read.result();
    }

    private static final Map<String, Consumer<byte[]>> EXPECTED = Map.ofEntries(
            Map.entry("270-lfh-subscriber.x12", b -> assertThat(r270(b, List.of())).singleElement().satisfies(r -> {
                assertThat(r.subscriber().memberId()).isEqualTo("11122333301");
                assertThat(r.subscriber().lastName()).isEqualTo("SMITH");
                assertThat(r.subscriber().dateOfBirth()).isEqualTo(LocalDate.of(1943, 5, 19));
                assertThat(r.provider().organizationName()).isEqualTo("BONE AND JOINT CLINIC");
                assertThat(r.serviceTypeCodes()).containsExactly("30");
            })),
            Map.entry("270-lfh-demo-single-line.x12", b -> assertThat(r270(b, List.of())).singleElement()
                    .satisfies(r -> assertThat(r.subscriber().memberId()).isEqualTo("11122333301"))),
            Map.entry("270-stupidedi-subscriber.x12", b -> assertThat(r270(b, List.of())).singleElement()
                    .satisfies(r -> assertThat(r.dateOfService()).isEqualTo(LocalDate.of(2006, 5, 1)))),
            Map.entry("270-lfh-dependent.x12", b -> assertThat(r270(b, List.of())).singleElement().satisfies(r -> {
                assertThat(r.dependent().firstName()).isEqualTo("MARY");
                assertThat(r.dependent().dateOfBirth()).isEqualTo(LocalDate.of(1978, 10, 14));
                assertThat(r.subscriber().memberId()).isEqualTo("11122333301");
            })),
            Map.entry("270-stupidedi-dependent.x12", b -> assertThat(r270(b, List.of())).singleElement()
                    .satisfies(r -> assertThat(r.dependent().lastName()).isEqualTo("SMITH"))),
            Map.entry("270-lfh-subscriber-drug-in-office.x12", b -> assertThat(r270(b, List.of())).singleElement().satisfies(r -> {
                assertThat(r.provider().lastName()).isEqualTo("DOE");
                assertThat(r.dateOfService()).isEqualTo(LocalDate.of(2013, 10, 31));
            })),
            Map.entry("270-lfh-dependent-commercial.x12", b -> assertThat(r270(b, List.of())).singleElement()
                    .satisfies(r -> assertThat(r.dependent().firstName()).isEqualTo("JANE"))),
            // 4010 file whose SE01 count, SE02 and IEA02 are wrong (SOURCES.md): each reported, the question still read
            Map.entry("270-imsweb-4010.x12", b -> assertThat(r270(b, List.of("CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT",
                    "CONTROL_REFERENCE_MISMATCH", "CONTROL_REFERENCE_MISMATCH"))).singleElement()
                    .satisfies(r -> assertThat(r.provider().npi()).isEqualTo("123456"))),
            Map.entry("271-lfh-subscriber.x12", b -> {
                EligibilityResult r = r271(b);
                assertThat(r.coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE);
                assertThat(r.benefits()).hasSize(5);
            }),
            Map.entry("271-lfh-subscriber-prv.x12", b -> assertThat(r271(b).coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE)),
            Map.entry("271-lfh-dependent.x12", b -> assertThat(r271(b).benefits()).hasSize(5)),
            Map.entry("271-lfh-dependent-prv.x12", b -> assertThat(r271(b).benefits()).hasSize(5)),
            Map.entry("271-stupidedi-x279-subscriber.x12", b -> assertThat(r271(b).coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE)),
            Map.entry("271-stupidedi-x279-dependent.x12", b -> assertThat(r271(b).coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE)),
            Map.entry("271-stupidedi-aaa50.x12", b -> assertThat(r271(b).errors()).extracting(AaaError::code).containsExactly("50")),
            // SE02 4323 != ST02 4321 (SOURCES.md)
            Map.entry("271-lfh-aaa50-provider-ineligible.x12", b -> assertThat(r271(b, "CONTROL_REFERENCE_MISMATCH").errors())
                    .extracting(AaaError::code).containsExactly("50")),
            // ends after SE with no GE/IEA (SOURCES.md): the end of stream is named, the benefits still read
            Map.entry("271-nodex12-medicare-many-eb.x12", b -> {
                List<EligibilityResult.Benefit> benefits = r271(b, "UNREADABLE").benefits();
                assertThat(benefits).hasSize(9);
                // EB04 insurance type and each benefit's own DTP
                assertThat(benefits.get(1).insuranceType()).isEqualTo("MA");
                assertThat(benefits.get(1).dates()).singleElement().satisfies(d -> {
                    assertThat(d.qualifier()).isEqualTo("291");
                    assertThat(d.from()).isEqualTo(LocalDate.of(2015, 7, 1));
                });
                assertThat(benefits.stream().filter(e -> "R".equals(e.code())).findFirst().orElseThrow().planCoverage())
                        .isEqualTo("NJ QMB Plan");
                // the 2120C related entity between LS and LE
                assertThat(benefits.stream().flatMap(e -> e.relatedEntities().stream()).toList()).singleElement().satisfies(e -> {
                    assertThat(e.entityCode()).isEqualTo("PR");
                    assertThat(e.name()).isEqualTo("SILVERSCRIPT INSURANCE COMPANY");
                });
            }),
            // SE01 count wrong and IEA02 != ISA13
            Map.entry("271-imsweb-mixed-envelope.x12", b -> assertThat(r271(b, "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT",
                    "CONTROL_REFERENCE_MISMATCH").coverageStatus()).isEqualTo(EligibilityResult.CoverageStatus.ACTIVE)),
            Map.entry("276-lfh-claim-level.x12", b -> assertThat(r276(b)).extracting(r -> r.claim().patientControlNumber())
                    .containsExactly("SM123456", "J0234567", "MA345678")),
            Map.entry("276-stupidedi-claim-request.x12", b -> assertThat(r276(b)).hasSize(3)),
            Map.entry("276-lfh-claim-level-ncpdp.x12", b -> assertThat(r276(b)).singleElement()
                    .satisfies(r -> assertThat(r.subscriber().memberId()).isEqualTo("123456789A"))),
            Map.entry("276-lfh-info-receiver-level.x12", b -> assertThat(r276(b)).singleElement().satisfies(r -> {
                assertThat(r.claim().serviceDateFrom()).isEqualTo(LocalDate.of(2005, 8, 31));
                assertThat(r.claim().totalCharge()).isEqualByComparingTo("8513.88");
            })),
            Map.entry("276-lfh-provider-level.x12", b -> assertThat(r276(b)).hasSize(2)),
            // IG prose before the interchange (SOURCES.md): not X12, said so at the first byte
            Map.entry("276-stupidedi-case1-with-prose.txt", b -> {
                var read = new InquiryReader().read276(b);
                assertThat(read.inquiries()).isEmpty();
                assertThat(read.problems()).extracting(SampleFilesTest::code).contains("UNREADABLE", "NOT_A_276");
            }),
            Map.entry("277-lfh-claim-level-multi-stc.x12", b -> assertThat(r277(b).claims())
                    .extracting(ClaimStatusResult.Claim::statusCategoryCode).containsExactly("P3", "F0", "F2")),
            Map.entry("277-stupidedi-claim-response.x12", b -> assertThat(r277(b).claims()).hasSize(3)),
            Map.entry("277-lfh-claim-level-ncpdp.x12", b -> assertThat(r277(b).claims()).singleElement()
                    .satisfies(c -> assertThat(c.statusCategoryCode()).isEqualTo("F2"))),
            Map.entry("277-lfh-info-receiver-level.x12", b -> {
                ClaimStatusResult r = r277(b);
                assertThat(r.claims()).isEmpty();
                assertThat(r.errors()).singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo("E0:0");
                    assertThat(e.loop()).isEqualTo("2200B");
                });
            }),
            Map.entry("277-lfh-provider-level.x12", b -> assertThat(r277(b).errors()).extracting(AaaError::code, AaaError::loop)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("E0:24", "2200C"))),
            Map.entry("277-stupidedi-provider-response.x12", b -> assertThat(r277(b).errors()).extracting(AaaError::loop).containsExactly("2200C")),
            // IEA02 != ISA13 (SOURCES.md)
            Map.entry("277-stupidedi-chc-p5.x12", b -> assertThat(r277(b, "CONTROL_REFERENCE_MISMATCH").claims())
                    .extracting(ClaimStatusResult.Claim::statusCategoryCode).containsExactly("P5")),
            Map.entry("277-imsweb-uhc-multi-hl20.x12", b -> assertThat(r277(b, "CONTROL_REFERENCE_MISMATCH").claims()).hasSize(8)
                    .allSatisfy(c -> assertThat(c.statusCategoryCode()).isNotNull())),
            Map.entry("277ca-imsweb-rejected-x214.x12", b -> assertThat(r277(b).claims()).extracting(ClaimStatusResult.Claim::statusCategoryCode)
                    .contains("A7")),
            // GS05 time 102497 is not a time and IEA02 != ISA13
            Map.entry("999-imsweb-accepted.x12", b -> assertThat(r999(b, "INVALID_TIME", "CONTROL_REFERENCE_MISMATCH").groups().get(0).status())
                    .isEqualTo("A")),
            Map.entry("999-imsweb-rejected.x12", b -> assertThat(r999(b).groups().get(0).sets().get(0).segments()).hasSize(1)),
            Map.entry("999-stupidedi-3-837s.x12", b -> assertThat(r999(b).groups().get(0).status()).isEqualTo("P")));

    @Test
    void everySampleReadsToItsAssertedValuesOrItsPreciseProblem() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Samples.dir())) {
            files = list.filter(p -> !p.getFileName().toString().equals("SOURCES.md")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(36);
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        var softly = new org.assertj.core.api.SoftAssertions();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            softly.assertThatCode(() -> EXPECTED.get(f.getFileName().toString()).accept(bytes))
                    .as(f.getFileName().toString()).doesNotThrowAnyException();
        }
        softly.assertAll();
    }

    @Test
    void everyPrefixOfEverySampleReadsWithoutHangingOrThrowing() throws IOException {
        try (Stream<Path> list = Files.list(Samples.dir())) {
            for (Path f : list.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 25)) {
                    byte[] part = java.util.Arrays.copyOf(bytes, cut);
                    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                        new InquiryReader().read270(part);
                        new InquiryReader().read276(part);
                        new Eligibility271Reader().read(part);
                        new ClaimStatus277Reader().read(part);
                        new AcknowledgementReader().read(part);
                    }, f.getFileName() + " cut at " + cut);
                }
            }
        }
    }
}

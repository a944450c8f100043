package io.rcmos.x12.write;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.rcmos.x12.read.InquiryReader;
import io.rcmos.x12.read.X12Validator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for any request — names with X12 delimiter characters, any dates and codes — the written 270/276
 * tokenises without a problem and carries the values unchanged. Generated from a fixed seed so a failure replays.
 */
class GeneratedRequestsTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '-.,*~:^|>!&";
    private static final List<String> STCS = List.of("30", "1", "33", "35", "47", "48", "50", "86", "88", "98", "AL", "MH", "UC");

    private static String text(Random r, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "X" : s;
    }

    private static String id(Random r) {
        return Long.toString(Math.abs(r.nextLong()), 36).toUpperCase();
    }

    private static LocalDate date(Random r) {
        return LocalDate.of(1930, 1, 1).plusDays(r.nextInt(35_000));
    }

    @Test
    void anyEligibilityRequestWritesCleanX12CarryingItsValues() {
        Random r = new Random(20261124);
        for (int i = 0; i < 500; i++) {
            Subscriber s = new Subscriber(id(r), text(r, 1, 20), text(r, 1, 30), date(r), r.nextBoolean() ? "F" : "M");
            Dependent d = r.nextInt(3) == 0 ? new Dependent(text(r, 1, 15), text(r, 1, 20), date(r), "19", "F") : null;
            List<String> stcs = STCS.subList(0, 1 + r.nextInt(4));
            EligibilityRequest request = new EligibilityRequest(new Provider("1999999984", text(r, 1, 40), null, null, null), s, d, stcs, date(r));
            Envelope e = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'T', 1 + r.nextInt(999_999_998), 1 + r.nextInt(9999), 1 + r.nextInt(9999),
                    LocalDateTime.of(2026, 11, 24, 10, 0));
            String x12 = new Eligibility270Writer().write(request, "87726", "Payer " + text(r, 1, 10), id(r), e).x12();
            var read = new InquiryReader().read270(x12.getBytes(StandardCharsets.UTF_8));
            assertThat(read.problems()).as("case %d: %s", i, x12).isEmpty();
            assertThat(X12Validator.validate(x12.getBytes(StandardCharsets.UTF_8)))
                    .as("case %d passes the implementation-guide validator: %s", i, x12).isEmpty();
            assertThat(read.inquiries()).as("case %d asks one question", i).hasSize(1);
            EligibilityRequest asked = read.inquiries().get(0).request();
            assertThat(asked.subscriber().lastName()).isEqualTo(s.lastName());
            assertThat(asked.subscriber().firstName()).isEqualTo(s.firstName());
            assertThat(asked.subscriber().memberId()).isEqualTo(s.memberId());
            if (d != null) {
                assertThat(asked.dependent().firstName()).isEqualTo(d.firstName());
            }
            assertThat(asked.serviceTypeCodes()).containsExactlyElementsOf(stcs);
        }
    }

    @Test
    void anyClaimStatusRequestWritesCleanX12CarryingItsValues() {
        Random r = new Random(276);
        for (int i = 0; i < 300; i++) {
            LocalDate from = date(r);
            ClaimReference claim = new ClaimReference(text(r, 1, 38), r.nextBoolean() ? id(r) : null, from, from.plusDays(r.nextInt(30)),
                    r.nextBoolean() ? new BigDecimal(r.nextInt(100_000)).movePointLeft(2) : null);
            ClaimStatusRequest request = new ClaimStatusRequest(new Provider("1999999984", text(r, 1, 40), null, null, null),
                    new Subscriber(id(r), text(r, 1, 20), text(r, 1, 30), date(r), "M"), null, claim);
            Envelope e = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'P', 1 + r.nextInt(999_999_998), 1, 1, LocalDateTime.of(2026, 11, 24, 10, 0));
            String x12 = new ClaimStatus276Writer().write(request, "87726", "Payer", "RCM OS", "RCMOS", id(r), e).x12();
            var read = new InquiryReader().read276(x12.getBytes(StandardCharsets.UTF_8));
            assertThat(read.problems()).as("case %d: %s", i, x12).isEmpty();
            assertThat(X12Validator.validate(x12.getBytes(StandardCharsets.UTF_8)))
                    .as("case %d passes the implementation-guide validator: %s", i, x12).isEmpty();
            assertThat(read.inquiries()).as("case %d asks about one claim", i).hasSize(1);
            assertThat(read.inquiries().get(0).request().claim().patientControlNumber()).isEqualTo(claim.patientControlNumber());
        }
    }
}

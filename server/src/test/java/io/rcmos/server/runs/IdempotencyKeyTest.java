package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyTest {

    private static final IdempotencyKey KEYS = new IdempotencyKey(filled(7));

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    private static EligibilityRequest request(String member, String last, List<String> codes) {
        return new EligibilityRequest(new Provider("1999999984", "Clinic", null, null, null),
                new Subscriber(member, "Ann", last, LocalDate.of(1970, 1, 2), null), null, codes, null);
    }

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @Test
    void normalisesCaseSpacesAndCodeOrder() {
        String a = KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request("abc123", "Smith", List.of("30", "1")));
        String b = KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request(" ABC123 ", "SMITH", List.of("1", "30")));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void differsByPayerDateMemberAndServiceType() {
        String base = KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request("A1", "Smith", List.of("30")));
        assertThat(KEYS.of(Purpose.ELIGIBILITY, "60054", DAY, request("A1", "Smith", List.of("30")))).isNotEqualTo(base);
        assertThat(KEYS.of(Purpose.ELIGIBILITY, "87726", DAY.plusDays(1), request("A1", "Smith", List.of("30")))).isNotEqualTo(base);
        assertThat(KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request("A2", "Smith", List.of("30")))).isNotEqualTo(base);
        assertThat(KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request("A1", "Smith", List.of("88")))).isNotEqualTo(base);
    }

    @Test
    void carriesNoPhi() {
        String key = KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, request("MEMBER99", "Smith", List.of("30")));
        assertThat(key).matches("eligibility:87726:2026-11-24:[0-9a-f]{32}").doesNotContain("MEMBER99").doesNotContain("SMITH").doesNotContain("1970");
    }

    @Test
    void cannotBeRecomputedWithoutTheKey() {
        EligibilityRequest r = request("MEMBER99", "Smith", List.of("30"));
        String keyed = KEYS.of(Purpose.ELIGIBILITY, "87726", DAY, r);
        assertThat(keyed).isNotEqualTo(IdempotencyKey.unkeyed(Purpose.ELIGIBILITY, "87726", DAY, r));
        assertThat(keyed).isNotEqualTo(new IdempotencyKey(filled(8)).of(Purpose.ELIGIBILITY, "87726", DAY, r));
    }

    @Test
    void unkeyedFormIsExactlyWhatRunsCreatedBeforeTheUpgradeCarry() {
        // the value the previous release (5b9fad2) computed for this question
        assertThat(IdempotencyKey.unkeyed(Purpose.ELIGIBILITY, "87726", DAY, request("MEMBER99", "Smith", List.of("30"))))
                .isEqualTo("eligibility:87726:2026-11-24:74d9097cc1e47935615007c7d0a63b19");
    }
}

package io.rcmos.server.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorAdviceTest {

    private static final ErrorAdvice SHIPPED = new ErrorAdvice();

    @Test
    void theShippedTableCoversTheRejectReasonsThePayersSend() {
        for (String aaa : List.of("15", "33", "41", "42", "43", "44", "45", "47", "48", "49", "50", "51", "52", "56", "57", "58",
                "60", "61", "62", "63", "71", "72", "73", "74", "75", "76", "77", "78", "79", "80")) {
            Advice a = SHIPPED.of("aaa_" + aaa);
            assertThat(a).as("aaa_" + aaa).isNotNull();
            assertThat(a.title()).isNotBlank();
            assertThat(a.explanation()).isNotBlank();
            assertThat(a.nextStep()).isNotBlank();
        }
    }

    @Test
    void theShippedTableCoversTheCodesRunsFailAndParkWith() {
        for (String code : List.of("member_not_found", "invalid_member_id", "payer_unavailable", "enrollment_required",
                "clearinghouse_unavailable", "clearinghouse_auth", "clearinghouse_validation", "channel_error", "no_channel_answered",
                "route_unavailable", "human_sla_breached", "human_task_canceled", "failed_by_person", "portal_login_failed",
                "portal_portal_error", "portal_step_timeout", "portal_deadline_exceeded", "portal_session_lost",
                "portal_browser_error", "portal_element_not_found", "portal_flow_failed", "portal_secret_missing",
                "portal_totp_unavailable")) {
            assertThat(SHIPPED.of(code)).as(code).isNotNull();
        }
    }

    @Test
    void adviceNamesTheFieldsToCheckFirst() {
        assertThat(SHIPPED.of("aaa_72").checkFields()).containsExactly("input.subscriber.member_id");
        assertThat(SHIPPED.of("aaa_73").checkFields()).contains("input.subscriber.first_name", "input.subscriber.last_name");
        assertThat(SHIPPED.of("aaa_58").checkFields()).contains("input.subscriber.date_of_birth");
        assertThat(SHIPPED.of("aaa_71").checkFields()).contains("input.subscriber.date_of_birth");
        assertThat(SHIPPED.of("aaa_42").retryLater()).isTrue();
        assertThat(SHIPPED.of("aaa_72").retryLater()).isFalse();
        assertThat(SHIPPED.of("member_not_found").checkFields()).contains("input.subscriber.member_id",
                "input.subscriber.last_name", "input.subscriber.date_of_birth");
    }

    @Test
    void unknownCodesHaveNoAdviceAndFamiliesCoverTheirMembers() {
        assertThat(SHIPPED.of("no_such_code")).isNull();
        assertThat(SHIPPED.of(null)).isNull();
        assertThat(SHIPPED.of("clearinghouse_http_404").code()).isEqualTo("clearinghouse_http_*");
        assertThat(SHIPPED.all()).extracting(Advice::code).doesNotHaveDuplicates();
    }

    @Test
    void aBrokenTableFailsNamingEachBrokenEntry() {
        String yaml = """
                advice:
                  - code: aaa_72
                    title: Member ID not accepted
                    explanation: The member ID is wrong.
                    check_fields: [input.subscriber.member_id]
                    next_step: Fix it.
                    retry_later: false
                  - code: aaa_73
                    title: Name
                    check_fields: [input.subscriber.middle_name]
                    next_step: Fix it.
                    retry_later: maybe
                    colour: red
                  - code: aaa_72
                    title: Again
                    explanation: Twice.
                    check_fields: []
                    next_step: None.
                    retry_later: true
                """;
        assertThatThrownBy(() -> ErrorAdvice.of("test.yaml", yaml))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("entry 2 (aaa_73): explanation is required")
                .hasMessageContaining("entry 2 (aaa_73): check_fields has 'input.subscriber.middle_name'")
                .hasMessageContaining("entry 2 (aaa_73): retry_later must be true or false")
                .hasMessageContaining("entry 2 (aaa_73): 'colour' is not a key")
                .hasMessageContaining("entry 3 (aaa_72): code repeats entry 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("entry 1 "));
    }

    @Test
    void aTableThatIsNotYamlOrHasNoListFails() {
        assertThatThrownBy(() -> ErrorAdvice.of("x.yaml", "advice: [\n  - code: a\n")).hasMessageContaining("x.yaml").hasMessageContaining("line");
        assertThatThrownBy(() -> ErrorAdvice.of("x.yaml", "entries: []\n")).hasMessageContaining("one key, advice");
        assertThatThrownBy(() -> ErrorAdvice.of("x.yaml", "advice:\n  - code: Bad Code\n")).hasMessageContaining("entry 1 (Bad Code): code must be");
    }
}

package io.rcmos.server.support;

import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Purpose;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A channel that exists only in test code ({@code route: test}), scripted by member id: {@code MFA…} needs an
 * MFA code ({@code 123456}); {@code REJECT…} is rejected; {@code DOWN…} is unavailable; {@code BOOM…} throws;
 * anything else answers active.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestChannel {

    public static final String VALID_CODE = "123456";

    @Bean
    Channel testChannel() {
        return new Channel() {
            @Override
            public String route() {
                return "test";
            }

            @Override
            public boolean supports(Purpose purpose, String payerId) {
                return true;
            }

            @Override
            public ChannelOutcome execute(ChannelCall call) {
                String member = call.inquiry() instanceof Inquiry.Eligibility e ? e.request().subscriber().memberId()
                    : ((Inquiry.ClaimStatus) call.inquiry()).request().subscriber().memberId();
                member = member == null ? "" : member;
                if (member.startsWith("REJECT")) {
                    return new ChannelOutcome.Rejected("invalid_member_id", "member id unknown to the payer");
                }
                if (member.startsWith("DOWN")) {
                    return new ChannelOutcome.Unavailable(FailureClass.TRANSIENT, "payer_unavailable", "payer did not respond");
                }
                if (member.startsWith("BOOM")) {
                    throw new IllegalStateException("channel exploded");
                }
                if (member.startsWith("MFA") && !VALID_CODE.equals(call.humanInput())) {
                    return new ChannelOutcome.NeedsHuman(ChannelOutcome.Breakpoint.MFA, "Enter the code", Duration.ofMinutes(5));
                }
                if (call.inquiry() instanceof Inquiry.Eligibility eligibility) {
                EligibilityRequest e = eligibility.request();
                    return new ChannelOutcome.Answered(new EligibilityResult(EligibilityResult.CoverageStatus.ACTIVE,
                            new EligibilityResult.Party(call.payerId(), "Test Payer"), null, e.subscriber(), List.of(),
                            new BigDecimal("20.00"), null, null, null, List.of(), Source.CLEARINGHOUSE));
                }
                ClaimStatusRequest c = ((Inquiry.ClaimStatus) call.inquiry()).request();
                return new ChannelOutcome.Answered(new ClaimStatusResult(List.of(new ClaimStatusResult.Claim("PCN1",
                        c.claim().patientControlNumber(), "F1", "65", "PR", "Paid", c.claim().serviceDateTo(), null, null,
                        null, null, List.of())), List.of(), Source.CLEARINGHOUSE));
            }
        };
    }
}

package io.rcmos.server.runs;

import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.platform.Engines;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;
import io.rcmos.x12.model.Source;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A deterministic stand-in channel ({@code route: demo}) so an embedded {@code ./rcm up} can be exercised end to
 * end before real channels exist. It exists only when every engine is embedded: with any external engine
 * (a production configuration) the bean is not created, and {@code route: demo} is refused with 422.
 *
 * <p>Scenarios by member id: {@code MFA…} asks for an MFA code first (any 6 digits pass); {@code REJECT…} is a data
 * rejection; {@code DOWN…} is unavailable; a member id ending in 7 is inactive; anything else is active.
 */
@Configuration(proxyBeanMethods = false)
class DemoChannel {

    @Bean
    @Conditional(OnlyOnEmbeddedDefaults.class)
    Channel demoRouteChannel() {
        return new Demo();
    }

    /** {@code rcm.runs.demo-channel=true} and no external engine configured. */
    static final class OnlyOnEmbeddedDefaults implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("rcm.runs.demo-channel", Boolean.class, false)
                    && Engines.allEmbedded(context.getEnvironment());
        }
    }

    static final class Demo implements Channel {
        @Override
        public String route() {
            return "demo";
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
                return new ChannelOutcome.Rejected("invalid_member_id", "the payer does not know this member id");
            }
            if (member.startsWith("DOWN")) {
                return new ChannelOutcome.Unavailable(FailureClass.TRANSIENT, "payer_unavailable", "the payer did not respond");
            }
            if (member.startsWith("MFA") && (call.humanInput() == null || !call.humanInput().matches("\\d{6}"))) {
                return new ChannelOutcome.NeedsHuman(ChannelOutcome.Breakpoint.MFA,
                        "Enter the 6-digit code the demo portal sent", Duration.ofMinutes(10));
            }
            if (call.inquiry() instanceof Inquiry.Eligibility eligibility) {
                EligibilityRequest e = eligibility.request();
                boolean active = !member.endsWith("7");
                return new ChannelOutcome.Answered(new EligibilityResult(
                        active ? EligibilityResult.CoverageStatus.ACTIVE : EligibilityResult.CoverageStatus.INACTIVE,
                        new EligibilityResult.Party(call.payerId(), "Demo Payer"),
                        new EligibilityResult.Plan("Demo PPO", "GRP-100", null, null),
                        e.subscriber(),
                        List.of(new EligibilityResult.Benefit(active ? "1" : "6", active ? "Active Coverage" : "Inactive",
                                e.effectiveServiceTypeCodes(), "IND", "yes", null, null, null, null, false, List.of())),
                        active ? new BigDecimal("25.00") : null, active ? new BigDecimal("0.2") : null,
                        active ? new EligibilityResult.Accumulator(new BigDecimal("1500.00"), new BigDecimal("900.00")) : null,
                        active ? new EligibilityResult.Accumulator(new BigDecimal("6000.00"), new BigDecimal("5100.00")) : null,
                        List.of(), Source.DEMO));
            }
            ClaimStatusRequest c = ((Inquiry.ClaimStatus) call.inquiry()).request();
            return new ChannelOutcome.Answered(new ClaimStatusResult(List.of(new ClaimStatusResult.Claim(
                    "DEMO" + Math.abs(c.claim().patientControlNumber().hashCode()), c.claim().patientControlNumber(),
                    "F1", "65", "PR", "Finalized/Payment", c.claim().serviceDateTo(), c.claim().totalCharge(),
                    c.claim().totalCharge(), c.claim().serviceDateTo(), "CHK0001", List.of())), List.of(), Source.DEMO));
        }
    }
}

package io.rcmos.agent.flow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The payer flows the portal channel runs validate clean (no warning either) and compile to the expected steps. */
class PayerFlowsTest {

    private static final Path AVAILITY = Path.of("../config/payers/availity/eligibility.yaml");
    private static final Path UHC = Path.of("../config/payers/uhc/claim_status.yaml");

    @Test
    void availityEligibilityIsCleanAndCompiles() throws IOException {
        FlowValidation validation = FlowValidator.validate(AVAILITY);

        assertThat(validation.problems()).isEmpty();
        Flow flow = validation.flow().orElseThrow();
        assertThat(flow.name()).isEqualTo("availity_eligibility");
        assertThat(flow.purpose()).isEqualTo(Flow.Purpose.ELIGIBILITY);
        assertThat(flow.deadline()).isEqualTo(Duration.ofMinutes(10));
        assertThat(flow.secrets()).containsExactly("username", "password");
        assertThat(flow.outputs().get("coverage_status").allowed()).containsExactly("active", "inactive", "not_found");
        assertThat(flow.outputs().get("benefits").fields()).containsEntry("copay", ValueType.MONEY)
                .containsEntry("coinsurance", ValueType.PERCENT);

        Step.Navigate open = (Step.Navigate) flow.steps().get(0);
        assertThat(open.url().raw()).isEqualTo("${portal.base_url}/availity/login");
        assertThat(open.info().id()).contains("open_login");
        assertThat(open.info().timeout()).isEqualTo(FlowLimits.DEFAULT_STEP_TIMEOUT);

        Step.If login = (Step.If) find(flow.steps(), "needs_login");
        assertThat(login.when()).isInstanceOf(Condition.Visible.class).as("a saved login skips the login steps");
        Step.Fill password = (Step.Fill) login.then().get(1);
        assertThat(password.secret()).isTrue();
        assertThat(password.locator().strategies()).extracting(Locator.Strategy::kind)
                .containsExactly(Locator.Kind.LABEL, Locator.Kind.CSS);

        Step.If mfa = (Step.If) find(all(flow.steps()), "mfa_method");
        assertThat(mfa.when()).isEqualTo(new Condition.TextPresent(template("authenticator app")));
        assertThat(((Step.Fill) mfa.then().get(0)).value().raw()).isEqualTo("${totp.code}");
        Step.Breakpoint ask = (Step.Breakpoint) mfa.otherwise().get(1);
        assertThat(ask.kind()).isEqualTo(Step.BreakpointKind.MFA);
        assertThat(ask.deadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ask.into()).contains("mfa_code");
        assertThat(ask.failOnTimeout()).isTrue();

        Step.Extract table = all(flow.steps()).stream().filter(s -> s instanceof Step.Extract e && e.kind() == Step.ExtractKind.TABLE)
                .map(Step.Extract.class::cast).findFirst().orElseThrow();
        assertThat(table.columns()).extracting(Step.Column::name)
                .containsExactly("service_type", "network", "coverage_level", "copay", "coinsurance", "deductible", "remaining");
        assertThat(table.columns().get(3).parse().type()).isEqualTo(ValueType.MONEY);
        assertThat(flow.steps().get(flow.steps().size() - 1)).isInstanceOf(Step.End.class);
    }

    @Test
    void memberFieldsOfTheAvailityFlowAreSensitive() throws IOException {
        Flow flow = FlowValidator.validate(AVAILITY).flow().orElseThrow();

        List<Step.Fill> memberFills = all(flow.steps()).stream().filter(Step.Fill.class::isInstance).map(Step.Fill.class::cast)
                .filter(f -> f.value().raw().startsWith("${input.")).toList();

        assertThat(memberFills).extracting(f -> f.value().raw()).containsExactly("${input.member_id}",
                "${input.date_of_birth}", "${input.last_name}", "${input.first_name}");
        assertThat(memberFills).allSatisfy(f -> assertThat(f.info().sensitive()).isTrue());
        assertThat(memberFills.get(1).format()).contains("MM/dd/yyyy");
    }

    @Test
    void uhcClaimStatusIsCleanAndCompiles() throws IOException {
        FlowValidation validation = FlowValidator.validate(UHC);

        assertThat(validation.problems()).isEmpty();
        Flow flow = validation.flow().orElseThrow();
        assertThat(flow.purpose()).isEqualTo(Flow.Purpose.CLAIM_STATUS);
        assertThat(flow.inputs()).containsEntry("service_date_from", ValueType.DATE);
        assertThat(flow.outputs().get("claims").type()).isEqualTo(ValueType.LIST);

        Step.ForEach rows = all(flow.steps()).stream().filter(Step.ForEach.class::isInstance).map(Step.ForEach.class::cast)
                .findFirst().orElseThrow();
        assertThat(rows.in()).isEqualTo("claim_rows");
        assertThat(rows.as()).isEqualTo("claim");
        Step.Emit append = (Step.Emit) rows.body().get(0);
        assertThat(append.appendTo()).contains("claims");
        assertThat(append.values().get("paid_date").raw()).isEqualTo("${claim.paid_date}");

        Step.Retry retry = (Step.Retry) find(flow.steps(), "search_retry");
        assertThat(retry.attempts()).isEqualTo(3);
        assertThat(retry.backoff()).isEqualTo(Duration.ofSeconds(2));
        Step.Wait wait = (Step.Wait) retry.body().get(retry.body().size() - 1);
        assertThat(wait.info().timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(wait.until()).isInstanceOf(Step.UntilElement.class);
        assertThat(flow.outputs()).containsKeys("claims", "service_lines");
    }

    /** Every step, containers' bodies included, in document order. */
    private static List<Step> all(List<Step> steps) {
        List<Step> out = new java.util.ArrayList<>();
        for (Step s : steps) {
            out.add(s);
            if (s instanceof Step.If i) {
                out.addAll(all(i.then()));
                out.addAll(all(i.otherwise()));
            } else if (s instanceof Step.ForEach f) {
                out.addAll(all(f.body()));
            } else if (s instanceof Step.Retry r) {
                out.addAll(all(r.body()));
            }
        }
        return out;
    }

    private static Step find(List<Step> steps, String id) {
        return steps.stream().filter(s -> s.info().id().filter(id::equals).isPresent()).findFirst().orElseThrow();
    }

    private static Template template(String raw) {
        try {
            return Template.parse(raw);
        } catch (Template.Malformed e) {
            throw new AssertionError(e);
        }
    }
}

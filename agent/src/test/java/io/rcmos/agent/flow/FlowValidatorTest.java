package io.rcmos.agent.flow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FlowValidatorTest {

    private static final String HEADER = """
            flow: t
            version: "0.1"
            portal: availity
            purpose: eligibility
            deadline: 5m
            """;

    @Test
    void compilesEveryOpAndCondition() throws IOException {
        FlowValidation validation = FlowValidator.validate(Path.of("src/test/resources/flows/valid/every_op.yaml"));

        assertThat(validation.problems()).isEmpty();
        Flow flow = validation.flow().orElseThrow();
        assertThat(flow.steps()).extracting(s -> Step.op(s.getClass())).containsExactly("navigate", "fill", "fill", "click",
                "wait", "wait", "assert", "select", "fill", "fill", "retry", "if", "extract", "extract", "emit", "for_each",
                "breakpoint", "screenshot", "if", "end");
        assertThat(flow.steps().get(0).info().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(((Step.Wait) flow.steps().get(4)).until()).isEqualTo(new Step.UntilUrl(new UrlPattern(template(".*/home$"), true)));
        assertThat(((Step.Wait) flow.steps().get(5)).until()).isEqualTo(new Step.UntilElapsed(Duration.ofMillis(500)));
        assertThat(((Step.Assert) flow.steps().get(6)).that())
                .isEqualTo(new Condition.Not(new Condition.UrlMatches(new UrlPattern(template("/login"), true))));
        Step.Click click = (Step.Click) flow.steps().get(3);
        assertThat(click.locator().strategies()).containsExactly(
                new Locator.Strategy(Locator.Kind.ROLE, template("button"), template("Sign in"), true));
        Step.Extract visits = (Step.Extract) flow.steps().get(12);
        assertThat(visits.kind()).isEqualTo(Step.ExtractKind.ATTRIBUTE);
        assertThat(visits.attribute()).contains("data-count");
        assertThat(visits.parse().type()).isEqualTo(ValueType.INT);
        Step.Extract rows = (Step.Extract) flow.steps().get(13);
        assertThat(rows.columns().get(2).parse()).isEqualTo(new Step.Parse(ValueType.DATE, java.util.Optional.of("MM/dd/yyyy"),
                java.util.Map.of()));
        Step.ForEach loop = (Step.ForEach) flow.steps().get(15);
        Step.If inLoop = (Step.If) loop.body().get(0);
        assertThat(inLoop.when()).isInstanceOf(Condition.All.class);
        assertThat(((Step.Click) inLoop.then().get(0)).within()).contains("row");
        Step.Breakpoint review = (Step.Breakpoint) flow.steps().get(16);
        assertThat(review.failOnTimeout()).isFalse();
        assertThat(review.into()).isEmpty();
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        FlowValidation validation = FlowValidator.validate("t.yaml", HEADER + """
                steps:
                  - op: clik
                  - op: navigate
                    url: "${input.nope}"
                  - op: fill
                    locator: [{css: "#pw"}, {label: "Password"}]
                    value: hunter2
                """);

        assertThat(validation.problems()).extracting(p -> p.code().code())
                .containsExactly("unknown_op", "undefined_variable", "css_before_semantic", "literal_secret");
    }

    @Test
    void aDeclarationWithABadTypeIsReportedOnceNotAgainAtItsUses() {
        FlowValidation validation = FlowValidator.validate("t.yaml", HEADER + """
                inputs: {member_id: txt}
                outputs:
                  plan_name: {type: txt}
                steps:
                  - op: 7
                  - op: emit
                    values: {plan_name: "${input.member_id}"}
                """);

        assertThat(validation.problems()).extracting(p -> p.line() + ":" + p.code().code() + ":" + p.message())
                .containsExactly("6:bad_value:'txt' is not one of text, code, money, percent, date, int; did you mean 'text'?",
                        "8:bad_value:'txt' is not one of text, code, money, percent, date, int, list; did you mean 'text'?",
                        "10:unknown_op:unknown op '7' (ops: navigate, fill, select, click, wait, extract, assert, emit, breakpoint, "
                                + "if, for_each, screenshot, retry, end, fail)");
    }

    @Test
    void warningsDoNotStopTheFlowFromCompiling() {
        FlowValidation validation = FlowValidator.validate("t.yaml", HEADER + """
                steps:
                  - op: click
                    locator: [{css: "#go"}]
                """);

        assertThat(validation.problems()).extracting(Problem::code).containsExactly(ProblemCode.CSS_ONLY);
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.flow()).isPresent();
    }

    @Test
    void allowCssOnlySilencesTheWarning() {
        FlowValidation validation = FlowValidator.validate("t.yaml", HEADER + """
                steps:
                  - op: click
                    allow_css_only: true
                    locator: [{css: "#go"}]
                """);

        assertThat(validation.problems()).isEmpty();
    }

    @Test
    void breakpointAnswersMayFillSecretFieldsAndVariablesFromBothBranchesAreDefined() {
        FlowValidation validation = FlowValidator.validate("t.yaml", HEADER + """
                steps:
                  - op: if
                    when: {text: "authenticator"}
                    then:
                      - op: extract
                        kind: text
                        locator: [{test_id: "hint"}]
                        into: hint
                    else:
                      - op: breakpoint
                        kind: mfa
                        prompt: "Code?"
                        deadline: 5m
                        into: hint
                  - op: fill
                    locator: [{label: "Note"}]
                    value: "${hint}"
                """);

        assertThat(validation.problems()).isEmpty();
    }

    @Test
    void neverThrowsOnArbitraryText() {
        Random random = new Random(42);
        String alphabet = "ab:- \n\t{}[]'\"&*!|>#%@`$,?";
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder(HEADER);
            for (int j = random.nextInt(80); j > 0; j--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            FlowValidation validation = FlowValidator.validate("fuzz.yaml", text.toString());
            assertThat(validation.isValid()).isFalse();
            assertThat(validation.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
        }
    }

    @Test
    void formatsProblemsForPeople() {
        Problem problem = new Problem("f.yaml", 3, 7, "steps[0]", ProblemCode.UNKNOWN_OP, "unknown op 'x'");
        Problem warning = new Problem("f.yaml", 1, 1, "steps[1].locator", ProblemCode.CSS_ONLY, "only css");

        assertThat(problem.format()).isEqualTo("f.yaml:3:7: unknown_op: unknown op 'x' (at steps[0])");
        assertThat(warning.format()).isEqualTo("f.yaml:1:1: css_only: warning: only css (at steps[1].locator)");
        assertThat(Spelling.nearest("lable", java.util.List.of("label", "locator"))).contains("label");
        assertThat(Spelling.nearest("zzz", java.util.List.of("label"))).isEmpty();
    }

    private static Template template(String raw) {
        try {
            return Template.parse(raw);
        } catch (Template.Malformed e) {
            throw new AssertionError(e);
        }
    }
}

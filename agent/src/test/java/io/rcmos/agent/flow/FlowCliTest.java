package io.rcmos.agent.flow;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FlowCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replayIsTheExecutorsCommand() {
        int status = run("replay");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the replay command's own usage, not the CLI's")
                .contains("flow replay FLOW.yaml --dom DIR_OF_DOM_SNAPSHOTS");
    }

    @Test
    void cleanFlowsExitZeroAndPrintNothing() {
        int status = run("validate", "../config/payers/availity/eligibility.yaml", "../config/payers/uhc/claim_status.yaml");

        assertThat(status).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void brokenFlowPrintsOneLinePerProblemAndExitsOne() {
        int status = run("validate", "../config/payers/uhc/claim_status.yaml", "src/test/resources/flows/invalid/reachability.yaml");

        assertThat(status).isEqualTo(1);
        assertThat(out().lines()).containsExactly(
                "src/test/resources/flows/invalid/reachability.yaml:15:9: unreachable_step: this step can never run: "
                        + "steps[0].then[0] always ends the run (at steps[0].then[1])",
                "src/test/resources/flows/invalid/reachability.yaml:29:9: unreachable_step: this step can never run: "
                        + "steps[1].then[0] always ends the run (at steps[1].then[1])",
                "src/test/resources/flows/invalid/reachability.yaml:34:5: unreachable_step: this step can never run: "
                        + "steps[1] always ends the run (at steps[2])");
    }

    @Test
    void warningsAloneDoNotFail() {
        int status = run("validate", "src/test/resources/flows/css_only_warning.yaml");

        assertThat(status).isZero();
        assertThat(out().lines()).singleElement().asString()
                .startsWith("src/test/resources/flows/css_only_warning.yaml:9:14: css_only: warning: ");
    }

    @Test
    void usageAndUnreadableFilesExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("validate")).isEqualTo(2);
        assertThat(run("check", "x.yaml")).isEqualTo(2);
        assertThat(run("validate", "does/not/exist.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: flow validate FILE...", "does/not/exist.yaml: cannot read");
    }

    @Test
    void schemaCommandPrintsTheSchema() {
        assertThat(run("schema")).isZero();
        assertThat(out().strip()).isEqualTo(FlowSchema.json().strip());
    }
}

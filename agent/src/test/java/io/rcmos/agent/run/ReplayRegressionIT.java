package io.rcmos.agent.run;

import io.rcmos.agent.browser.BrowserSettings;
import io.rcmos.agent.browser.BrowserWorkers;
import io.rcmos.agent.flow.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression suite of the payer flows: each recorded portal session (a served, masked HAR under
 * {@code src/test/resources/replay/}) replayed offline with the flow as it is now must give the outputs recorded
 * with it. A flow edit that breaks reading a page the portal really serves fails here, without any portal.
 */
class ReplayRegressionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BrowserWorkers workers;
    private static FlowExecutor executor;

    @BeforeAll
    static void start() {
        workers = new BrowserWorkers(BrowserSettings.local(1));
        executor = new FlowExecutor(workers);
    }

    @AfterAll
    static void stop() {
        executor.close();
        workers.close();
    }

    @ParameterizedTest
    @CsvSource({"availity/eligibility.yaml, availity_eligibility", "uhc/claim_status.yaml, uhc_claim_status"})
    void recordedSessionsReplayToTheRecordedOutputs(String flowFile, String fixture) throws IOException {
        Flow flow = PayerFlowsIT.load(flowFile);
        Path dir = Path.of("src/test/resources/replay");
        byte[] har = Files.readAllBytes(dir.resolve(fixture + ".har"));
        JsonNode expected = JSON.readTree(Files.readString(dir.resolve(fixture + ".expected.json")));

        FlowOutcome outcome = executor.replay(flow, har);

        assertThat(outcome).as(String.valueOf(outcome)).isInstanceOf(FlowOutcome.Completed.class);
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(((FlowOutcome.Completed) outcome).outputs()));
        assertThat(actual).as("replayed outputs of " + fixture).isEqualTo(expected);
    }
}

package io.rcmos.server.runs;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run workflow with scripted activities on Temporal's test environment (time skipping), and the replay
 * guard: a recorded history must replay against the current code without non-determinism.
 *
 * <p>To re-record the golden history after an intentional, versioned change: run with
 * {@code -Drcm.record-history=server/src/test/resources/replay/run-mfa-history.json}.
 */
class RunWorkflowTest {

    private static final String QUEUE = "test-runs";

    private TestWorkflowEnvironment env;
    private ScriptedActivities activities;

    /** Activities driven by a script of attempt results; records what the workflow asked for. */
    static final class ScriptedActivities implements RunActivities {
        final List<Attempt> script = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        List<String> plan = List.of("clearinghouse", "portal");

        @Override
        public List<String> start(String runId) {
            calls.add("start");
            return plan;
        }

        @Override
        public Attempt attempt(String runId, String route, int attempt, String humanInput) {
            calls.add("attempt:" + route + ":" + attempt + ":" + humanInput);
            return script.remove(0);
        }

        @Override
        public void awaitHuman(String runId, String breakpoint, String prompt, long dueAtEpochMillis) {
            calls.add("awaitHuman:" + breakpoint);
        }

        @Override
        public void resumeFromHuman(String runId, String breakpoint) {
            calls.add("resume:" + breakpoint);
        }

        @Override
        public void fail(String runId, String code, String message, boolean retryable) {
            calls.add("fail:" + code);
        }
    }

    private static RunActivities.Attempt answered() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.ANSWERED, null, null, null, null, 0);
    }

    private static RunActivities.Attempt unavailable() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.UNAVAILABLE, "payer_unavailable", "down", null, null, 0);
    }

    private static RunActivities.Attempt mfa(long seconds) {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.NEEDS_HUMAN, null, null, "mfa", "Enter the code", seconds);
    }

    @BeforeEach
    void setUp() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(RunWorkflowImpl.class);
        activities = new ScriptedActivities();
        worker.registerActivitiesImplementations(activities);
        // portal attempts go to their own queue (browser slots), as in production
        env.newWorker(QUEUE + RunWorkflow.PORTAL_QUEUE_SUFFIX).registerActivitiesImplementations(activities);
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private RunWorkflow newRun(String id) {
        return env.getWorkflowClient().newWorkflowStub(RunWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
    }

    @Test
    void fallsBackToTheNextRouteWhenOneIsUnavailable() {
        activities.script.addAll(List.of(unavailable(), answered()));
        RunWorkflow.RunOutcome outcome = newRun("run-fallback").run(new RunWorkflow.RunInput("00000000-0000-0000-0000-000000000001", "87726", "eligibility"));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("portal");
        assertThat(activities.calls).containsExactly("start", "attempt:clearinghouse:1:null", "attempt:portal:2:null");
    }

    @Test
    void failsWithNoChannelAnsweredWhenEveryRouteIsUnavailable() {
        activities.script.addAll(List.of(unavailable(), unavailable()));
        RunWorkflow.RunOutcome outcome = newRun("run-none").run(new RunWorkflow.RunInput("00000000-0000-0000-0000-000000000002", "87726", "eligibility"));
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.errorCode()).isEqualTo("no_channel_answered");
        assertThat(activities.calls).last().isEqualTo("fail:no_channel_answered");
    }

    @Test
    void humanBreakpointTimesOutIntoAFailure() {
        activities.script.add(mfa(600));
        RunWorkflow.RunOutcome outcome = newRun("run-timeout").run(new RunWorkflow.RunInput("00000000-0000-0000-0000-000000000003", "87726", "eligibility"));
        assertThat(outcome.errorCode()).isEqualTo("human_timeout");
        assertThat(activities.calls).containsExactly("start", "attempt:clearinghouse:1:null", "awaitHuman:mfa", "fail:human_timeout");
    }

    @Test
    void mfaSignalResumesTheSameRouteWithTheCodeAndReplaysDeterministically() throws Exception {
        activities.script.addAll(List.of(mfa(900), answered()));
        RunWorkflow run = newRun("run-mfa");
        WorkflowClient.start(run::run, new RunWorkflow.RunInput("00000000-0000-0000-0000-000000000004", "87726", "eligibility"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "mfa".equals(run.getState().waitingFor()));
        run.provideMfa("654321");
        RunWorkflow.RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunWorkflow.RunOutcome.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("start", "attempt:clearinghouse:1:null", "awaitHuman:mfa",
                "resume:mfa", "attempt:clearinghouse:2:654321");
        assertThat(run.getState().attempts()).isEqualTo(2);

        WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("run-mfa");
        WorkflowReplayer.replayWorkflowExecution(history, RunWorkflowImpl.class);
        String record = System.getProperty("rcm.record-history");
        if (record != null) {
            Files.writeString(Path.of(record), history.toJson(true));
        }
    }

    @Test
    void recordedHistoryReplaysAgainstCurrentCode() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/replay/run-mfa-history.json")) {
            assertThat(in).as("golden history present").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), RunWorkflowImpl.class);
    }
}

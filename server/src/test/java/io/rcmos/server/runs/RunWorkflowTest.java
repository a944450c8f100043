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
import java.util.Map;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
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

    /**
     * Activities driven by scripts: hops from a real {@link RoutePolicy} over {@code plan} (flags: human fallback on),
     * attempt results and task states from lists; records what the workflow asked for.
     */
    static final class ScriptedActivities implements RunActivities {
        final List<Attempt> script = new CopyOnWriteArrayList<>();
        final List<TaskState> tasks = new CopyOnWriteArrayList<>();
        final List<Governor.Permit> permits = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        List<String> plan = List.of("clearinghouse", "portal");
        boolean humanFallback = true;

        @Override
        public void start(String runId) {
            calls.add("start");
        }

        @Override
        public RoutePolicy.Hop route(String runId, RoutePolicy.Context context) {
            RoutePolicy.Hop hop = RoutePolicy.next(plan, Map.of(), humanFallback, context);
            calls.add("route:" + hop.kind() + ":" + (hop.kind() == RoutePolicy.Kind.CHANNEL ? hop.route() : hop.kind() == RoutePolicy.Kind.HUMAN ? hop.taskType() : hop.code()));
            return hop;
        }

        @Override
        public Governor.Permit acquire(String runId, String route, int asked) {
            return permits.isEmpty() ? new Governor.Permit(true, 0, null) : permits.remove(0);
        }

        @Override
        public Attempt attempt(String runId, String route, int attempt, String breakpointId) {
            calls.add("attempt:" + route + ":" + attempt + ":" + breakpointId);
            return script.remove(0);
        }

        @Override
        public Task openTask(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds) {
            calls.add("task:" + type);
            return new Task("bp-" + calls.size(), 0);
        }

        @Override
        public TaskState checkTask(String runId, String breakpointId) {
            TaskState state = tasks.isEmpty() ? new TaskState("open", null) : tasks.remove(0);
            calls.add("check:" + state.status() + ":" + state.action());
            return state;
        }

        @Override
        public void completeByPerson(String runId, String breakpointId, String action) {
            calls.add("complete:" + action);
        }

        @Override
        public void fail(String runId, String code, String message, boolean retryable) {
            calls.add("fail:" + code);
        }
    }

    private static RunActivities.Attempt answered() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.ANSWERED, null, null, null, null, 0, null);
    }

    private static RunActivities.Attempt unavailable() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.UNAVAILABLE, "payer_unavailable", "down", null, null, 0, "TRANSIENT");
    }

    private static RunActivities.Attempt rejected() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.REJECTED, "aaa_72", "invalid member id", null, null, 0, "DATA");
    }

    private static RunActivities.Attempt mfa(long seconds) {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.NEEDS_HUMAN, null, null, "mfa", "Enter the code", seconds, null);
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

    private static RunWorkflow.RunInput input(int n) {
        return new RunWorkflow.RunInput("00000000-0000-0000-0000-00000000000" + n, "87726", "eligibility");
    }

    @Test
    void fallsBackToTheNextRouteWhenOneIsUnavailable() {
        activities.script.addAll(List.of(unavailable(), answered()));
        RunWorkflow.RunOutcome outcome = newRun("run-fallback").run(input(1));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("portal");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null",
                "route:CHANNEL:portal", "attempt:portal:2:null");
    }

    @Test
    void everyRouteUnavailableEndsWithAPersonOrAFailureWithoutHumanFallback() {
        activities.humanFallback = false;
        activities.script.addAll(List.of(unavailable(), unavailable()));
        RunWorkflow.RunOutcome outcome = newRun("run-none").run(input(2));
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.errorCode()).isEqualTo("no_channel_answered");
        assertThat(activities.calls).last().isEqualTo("fail:no_channel_answered");
    }

    @Test
    void aDataErrorBecomesAReviewTaskAndACorrectionRoutesAgainFromTheTop() {
        activities.script.addAll(List.of(rejected(), answered()));
        activities.tasks.addAll(List.of(new RunActivities.TaskState("open", null), new RunActivities.TaskState("resolved", "correct")));
        RunWorkflow run = newRun("run-review");
        WorkflowClient.start(run::run, input(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> "review".equals(run.getState().waitingFor()));
        run.taskChanged("bp-5");
        RunWorkflow.RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunWorkflow.RunOutcome.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null",
                "route:HUMAN:review", "task:review", "check:open:null", "check:resolved:correct", "route:CHANNEL:clearinghouse",
                "attempt:clearinghouse:2:null");
    }

    @Test
    void anExpiredTaskFailsTheRunWithTheSlaReason() {
        activities.script.add(mfa(600));
        activities.tasks.addAll(List.of(new RunActivities.TaskState("open", null), new RunActivities.TaskState("expired", null)));
        RunWorkflow run = newRun("run-expired");
        WorkflowClient.start(run::run, input(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> "mfa".equals(run.getState().waitingFor()));
        run.taskChanged("bp-4");
        RunWorkflow.RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunWorkflow.RunOutcome.class);
        assertThat(outcome.errorCode()).isEqualTo("human_sla_breached");
        assertThat(activities.calls).last().isEqualTo("fail:human_sla_breached");
    }

    @Test
    void aReattachedRunTakesTheAnswerGivenWhileItWasGone() {
        activities.script.addAll(List.of(mfa(900), answered()));
        activities.tasks.add(new RunActivities.TaskState("resolved", "submit"));
        RunWorkflow.RunOutcome outcome = newRun("run-reattached").run(input(7));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null",
                "task:mfa", "check:resolved:submit", "attempt:clearinghouse:2:bp-4");
    }

    @Test
    void anAmbiguousPortalPageSettledByAPersonsAnswerCompletesTheRun() {
        activities.script.add(new RunActivities.Attempt(RunActivities.Attempt.Kind.NEEDS_HUMAN, null, null, "review",
                "Two members match", 600, null));
        activities.tasks.add(new RunActivities.TaskState("resolved", "answer"));
        RunWorkflow.RunOutcome outcome = newRun("run-portal-review").run(input(8));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("human");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null",
                "task:review", "check:resolved:answer", "complete:answer");
    }

    @Test
    void throttledRunsWaitAsTimersAndAreNeverFailed() {
        activities.permits.addAll(List.of(new Governor.Permit(false, 60_000, "credential in use"),
                new Governor.Permit(true, 30_000, "rate limit")));
        activities.script.add(answered());
        RunWorkflow.RunOutcome outcome = newRun("run-throttled").run(input(6));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null");
    }

    @Test
    void mfaTaskResumesTheSameRouteWithTheTaskAndReplaysDeterministically() throws Exception {
        activities.script.addAll(List.of(mfa(900), answered()));
        activities.tasks.addAll(List.of(new RunActivities.TaskState("open", null), new RunActivities.TaskState("resolved", "submit")));
        RunWorkflow run = newRun("run-mfa");
        WorkflowClient.start(run::run, input(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> "mfa".equals(run.getState().waitingFor()));
        run.taskChanged("bp-4");
        RunWorkflow.RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunWorkflow.RunOutcome.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "start", "attempt:clearinghouse:1:null",
                "task:mfa", "check:open:null", "check:resolved:submit", "attempt:clearinghouse:2:bp-4");
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

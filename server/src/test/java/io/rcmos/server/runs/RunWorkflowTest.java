package io.rcmos.server.runs;

import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.portal.PortalChannel;
import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.platform.PayloadCipher;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
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
 * The run workflow with scripted activities on Temporal's test environment (time skipping), with the payload codec
 * production uses, and the replay guard: a recorded history must replay against the current code without
 * non-determinism — the sealed one recorded with the codec, and one recorded before the codec existed.
 *
 * <p>To re-record the golden history after an intentional, versioned change: run with
 * {@code -Drcm.record-history=server/src/test/resources/replay/run-mfa-history.json} (sealed under {@link #CODEC_KEY}).
 */
class RunWorkflowTest {

    private static final String QUEUE = "test-runs";
    /** The codec key the golden history is sealed under (a test key, nothing else uses it). */
    static final byte[] CODEC_KEY = java.util.Base64.getDecoder().decode("cmNtLW9zIHJlcGxheSB0ZXN0IGtleSAtLSAzMiBieXQ=");

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
        /** Thrown by the next attempts, before the script is read (a transient failure, as RunActivitiesImpl throws it). */
        final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        /** When each attempt started, in workflow (skipped) time. */
        final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
        TestWorkflowEnvironment clock;
        List<String> plan = List.of("clearinghouse", "portal");
        final List<RoutePolicy.Context> routed = new CopyOnWriteArrayList<>();
        boolean humanFallback = true;
        /** Routes whose attempts run as local activities (the clearinghouse in production). */
        List<String> localRoutes = List.of();

        @Override
        public void start(String runId) {
            calls.add("start");
        }

        @Override
        public RoutePolicy.Hop route(String runId, RoutePolicy.Context context) {
            routed.add(context);
            RoutePolicy.Hop hop = RoutePolicy.next(plan, Map.of(), humanFallback, context);
            calls.add("route:" + hop.kind() + ":" + (hop.kind() == RoutePolicy.Kind.CHANNEL ? hop.route() : hop.kind() == RoutePolicy.Kind.HUMAN ? hop.taskType() : hop.code()));
            return hop;
        }

        @Override
        public Plan plan(String runId, RoutePolicy.Context context) {
            RoutePolicy.Hop hop = route(runId, context);
            return new Plan(hop, hop.kind() == RoutePolicy.Kind.CHANNEL ? acquire(runId, hop.route(), 0) : null,
                    hop.kind() == RoutePolicy.Kind.CHANNEL && localRoutes.contains(hop.route()));
        }

        @Override
        public Governor.Permit acquire(String runId, String route, int asked) {
            return permits.isEmpty() ? new Governor.Permit(true, 0, null) : permits.remove(0);
        }

        @Override
        public Attempt attempt(String runId, String route, int attempt, String breakpointId) {
            calls.add("attempt:" + route + ":" + attempt + ":" + breakpointId);
            if (clock != null) {
                attemptTimes.add(clock.currentTimeMillis());
            }
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
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
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.UNAVAILABLE, "payer_unavailable", "down", null, null, 0, FailureClass.TRANSIENT);
    }

    private static RunActivities.Attempt rejected() {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.REJECTED, "aaa_72", "invalid member id", null, null, 0, FailureClass.DATA);
    }

    private static RunActivities.Attempt mfa(long seconds) {
        return new RunActivities.Attempt(RunActivities.Attempt.Kind.NEEDS_HUMAN, null, null, "mfa", "Enter the code", seconds, null);
    }

    static TestWorkflowEnvironment sealedEnvironment() {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(PayloadCipher.dataConverter(CODEC_KEY)).build())
                .build());
    }

    @BeforeEach
    void setUp() {
        setUp(Map.of());
    }

    /** A fresh environment whose run workflows get {@code policies}, as the production worker registers them. */
    private void setUp(Map<String, AttemptPolicy> policies) {
        if (env != null) {
            env.close();
        }
        env = sealedEnvironment();
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationFactory(RunWorkflow.class, () -> new RunWorkflowImpl(policies));
        activities = new ScriptedActivities();
        activities.clock = env;
        worker.registerActivitiesImplementations(activities);
        // portal attempts go to their own queue (browser slots), as in production
        env.newWorker(QUEUE + PortalChannel.QUEUE_SUFFIX).registerActivitiesImplementations(activities);
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
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
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
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
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
        run.taskChanged("bp-3");
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
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
                "task:mfa", "check:resolved:submit", "attempt:clearinghouse:2:bp-3");
    }

    @Test
    void anAmbiguousPortalPageSettledByAPersonsAnswerCompletesTheRun() {
        activities.script.add(new RunActivities.Attempt(RunActivities.Attempt.Kind.NEEDS_HUMAN, null, null, "review",
                "Two members match", 600, null));
        activities.tasks.add(new RunActivities.TaskState("resolved", "answer"));
        RunWorkflow.RunOutcome outcome = newRun("run-portal-review").run(input(8));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("human");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
                "task:review", "check:resolved:answer", "complete:answer");
    }

    @Test
    void throttledRunsWaitAsTimersAndAreNeverFailed() {
        activities.permits.addAll(List.of(new Governor.Permit(false, 60_000, "credential in use"),
                new Governor.Permit(true, 30_000, "rate limit")));
        activities.script.add(answered());
        RunWorkflow.RunOutcome outcome = newRun("run-throttled").run(input(6));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null");
    }

    @Test
    void mfaTaskResumesTheSameRouteWithTheTaskAndReplaysDeterministically() throws Exception {
        activities.script.addAll(List.of(mfa(900), answered()));
        activities.tasks.addAll(List.of(new RunActivities.TaskState("open", null), new RunActivities.TaskState("resolved", "submit")));
        RunWorkflow run = newRun("run-mfa");
        WorkflowClient.start(run::run, input(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> "mfa".equals(run.getState().waitingFor()));
        run.taskChanged("bp-3");
        RunWorkflow.RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunWorkflow.RunOutcome.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
                "task:mfa", "check:open:null", "check:resolved:submit", "attempt:clearinghouse:2:bp-3");
        assertThat(run.getState().attempts()).isEqualTo(2);

        WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("run-mfa");
        replay(history);
        String record = System.getProperty("rcm.record-history");
        if (record != null) {
            Files.writeString(Path.of(record), history.toJson(true));
        }
    }

    /** The shape since version 1 (local Plan, the attempt starts the run): a history recorded with it replays. */
    @Test
    void aHistoryOfTheCurrentShapeReplays() throws Exception {
        String json = golden("/replay/run-mfa-history-v1.json");
        // the version marker and the local Plan are there; Route, Acquire and StartRun are no longer activities
        assertThat(json).contains("\"markerName\": \"Version\"").contains("\"markerName\": \"LocalActivity\"")
                .doesNotContain("\"name\": \"Route\"").doesNotContain("\"name\": \"StartRun\"").doesNotContain("\"name\": \"Acquire\"");
        replay(WorkflowExecutionHistory.fromJson(json));
    }

    /**
     * A channel whose attempts are local (the clearinghouse): a clean run is one workflow task — no activity task
     * goes through the server — and its history replays.
     */
    @Test
    void aLocalChannelsCleanRunIsOneWorkflowTask() throws Exception {
        activities.localRoutes = List.of("clearinghouse");
        activities.script.add(answered());
        RunWorkflow.RunOutcome outcome = newRun("run-local").run(input(8));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("clearinghouse");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null");
        WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("run-local");
        assertThat(history.getEvents()).noneMatch(e -> e.hasActivityTaskScheduledEventAttributes());
        assertThat(history.getEvents().stream().filter(e -> e.hasWorkflowTaskCompletedEventAttributes()).count()).isEqualTo(1);
        replay(history);
    }

    /** A person takes the run first (no channel may answer): the run is started for them, once. */
    @Test
    void aRunAPersonTakesFirstIsStartedOnce() {
        activities.plan = List.of();
        activities.tasks.add(new RunActivities.TaskState("resolved", "answer"));
        RunWorkflow.RunOutcome outcome = newRun("run-human-first").run(input(7));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("human");
        assertThat(activities.calls).containsExactly("route:HUMAN:review", "start", "task:review", "check:resolved:answer",
                "complete:answer");
    }

    /** The shape before version 1 (Route, Acquire, StartRun, Attempt as activities), recorded with the codec. */
    @Test
    void recordedHistoryReplaysAgainstCurrentCode() throws Exception {
        String json = golden("/replay/run-mfa-history.json");
        // every payload is sealed: its encoding is the codec's and its bytes hold no activity result in clear
        var encodings = java.util.regex.Pattern.compile("\"encoding\": \"([^\"]*)\"").matcher(json).results()
                .map(m -> new String(java.util.Base64.getDecoder().decode(m.group(1).replace("\\u003d", "=")), StandardCharsets.UTF_8))
                .distinct().toList();
        assertThat(encodings).containsExactly("binary/rcm-aes256gcm");
        var data = java.util.regex.Pattern.compile("\"data\": \"([^\"]*)\"").matcher(json).results()
                .map(m -> new String(java.util.Base64.getDecoder().decode(m.group(1).replace("\\u003d", "=")), StandardCharsets.ISO_8859_1))
                .toList();
        assertThat(data).isNotEmpty().noneMatch(d -> d.contains("Enter the code") || d.contains("clearinghouse") || d.contains("mfa"));
        replay(WorkflowExecutionHistory.fromJson(json));
    }

    /** Replays with the codec (a fresh environment: the replayer registers its own worker). */
    private static void replay(WorkflowExecutionHistory history) throws Exception {
        try (TestWorkflowEnvironment replayer = sealedEnvironment()) {
            WorkflowReplayer.replayWorkflowExecution(history, replayer, RunWorkflowImpl.class);
        }
    }

    @Test
    void aHistoryRecordedBeforeTheCodecStillReplays() throws Exception {
        replay(WorkflowExecutionHistory.fromJson(golden("/replay/run-mfa-history-plain.json")));
    }

    private String golden(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("golden history %s present", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static io.temporal.failure.ApplicationFailure transientFailure(String code, Duration retryAfter) {
        var failure = io.temporal.failure.ApplicationFailure.newBuilder().setType(AttemptPolicy.TRANSIENT_FAILURE)
                .setMessage("HTTP 503").setDetails(code);
        if (retryAfter != null) {
            failure.setNextRetryDelay(retryAfter);
        }
        return failure.build();
    }

    @Test
    void transientFailuresAreRetriedByTemporalAndTheLastOnesCodeMovesTheRunOn() {
        for (int i = 0; i < AttemptPolicy.DEFAULT.maxAttempts(); i++) {
            activities.failures.add(transientFailure("clearinghouse_unavailable", null));
        }
        activities.script.add(answered());
        RunWorkflow.RunOutcome outcome = newRun("run-transient").run(input(1));
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("portal");
        assertThat(activities.calls).containsExactly("route:CHANNEL:clearinghouse", "attempt:clearinghouse:1:null",
                "attempt:clearinghouse:1:null", "attempt:clearinghouse:1:null", "route:CHANNEL:portal", "attempt:portal:2:null");
        assertThat(activities.routed).element(1).satisfies(c -> {
            assertThat(c.lastCode()).isEqualTo("clearinghouse_unavailable");
            assertThat(c.lastMessage()).isEqualTo("HTTP 503");
        });
    }

    @Test
    void theWorkersPolicyIsTheRetryBudgetAndARetryAfterIsHonoured() {
        setUp(Map.of("clearinghouse", new AttemptPolicy("", Duration.ofMinutes(1), null, null, 5,
                Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofMinutes(1))));
        activities.failures.addAll(List.of(transientFailure("clearinghouse_unavailable", null),
                transientFailure("clearinghouse_unavailable", Duration.ofSeconds(45)),
                transientFailure("clearinghouse_unavailable", null), transientFailure("clearinghouse_unavailable", null)));
        activities.script.add(answered());
        RunWorkflow.RunOutcome outcome = newRun("run-budget").run(input(2));
        assertThat(outcome.route()).as("the fifth attempt of five answers").isEqualTo("clearinghouse");
        List<Long> t = activities.attemptTimes;
        assertThat(t).hasSize(5);
        assertThat(t.get(1) - t.get(0)).as("first pause: the initial interval").isBetween(2_000L, 3_000L);
        assertThat(t.get(2) - t.get(1)).as("the pause the clearinghouse asked for").isBetween(45_000L, 46_000L);
        assertThat(t.get(3) - t.get(2)).as("back to the backoff: 2 s doubled twice").isBetween(8_000L, 9_000L);
    }
}

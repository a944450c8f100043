package io.rcmos.server.batches;

import io.rcmos.server.platform.PayloadCipher;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch workflow with scripted activities on Temporal's test environment (time skipping) and the production
 * payload codec, and its replay guard: a recorded history must replay against the current code.
 *
 * <p>To re-record the golden history after an intentional, versioned change: run with
 * {@code -Drcm.record-batch-history=server/src/test/resources/replay/batch-history.json}.
 */
class BatchWorkflowTest {

    private static final String QUEUE = "test-batches";
    /** The codec key of the golden history (a test key, nothing else uses it). */
    private static final byte[] CODEC_KEY = Base64.getDecoder().decode("cmNtLW9zIGJhdGNoIHJlcGxheSBrZXkgLS0gMzIgYnk=");

    /** Advances from a script of progress; records what the workflow asked for. */
    static final class ScriptedActivities implements BatchActivities {
        final List<Progress> script = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Progress advance(String batchId, int window) {
            calls.add("advance:" + window);
            return script.remove(0);
        }

        @Override
        public void finish(String batchId) {
            calls.add("finish");
        }
    }

    private TestWorkflowEnvironment env;
    private ScriptedActivities activities;

    private static TestWorkflowEnvironment sealedEnvironment() {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(PayloadCipher.dataConverter(CODEC_KEY)).build())
                .build());
    }

    @BeforeEach
    void setUp() {
        env = sealedEnvironment();
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(BatchWorkflowImpl.class);
        activities = new ScriptedActivities();
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private BatchWorkflow newBatch(String id) {
        return env.getWorkflowClient().newWorkflowStub(BatchWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
    }

    @Test
    void advancesEveryTickUntilNothingIsLeftThenFinishesAndReplays() throws Exception {
        activities.script.addAll(List.of(
                new BatchActivities.Progress(300, 200, false),
                new BatchActivities.Progress(100, 200, false),
                new BatchActivities.Progress(0, 40, false),
                new BatchActivities.Progress(0, 0, false)));
        newBatch("batch-ticks").run("00000000-0000-0000-0000-000000000001");
        assertThat(activities.calls).containsExactly("advance:" + BatchWorkflowImpl.WINDOW, "advance:" + BatchWorkflowImpl.WINDOW,
                "advance:" + BatchWorkflowImpl.WINDOW, "advance:" + BatchWorkflowImpl.WINDOW, "finish");

        WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("batch-ticks");
        replay(history);
        String record = System.getProperty("rcm.record-batch-history");
        if (record != null) {
            Files.writeString(Path.of(record), history.toJson(true));
        }
    }

    @Test
    void aCanceledBatchWithNothingRunningFinishesAtOnce() {
        activities.script.add(new BatchActivities.Progress(250, 0, true));
        newBatch("batch-canceled").run("00000000-0000-0000-0000-000000000002");
        assertThat(activities.calls).containsExactly("advance:" + BatchWorkflowImpl.WINDOW, "finish");
    }

    @Test
    void recordedHistoryReplaysAgainstCurrentCode() throws Exception {
        String json = golden("/replay/batch-history.json");
        assertThat(json).contains("\"name\": \"AdvanceBatch\"").contains("\"name\": \"FinishBatch\"");
        replay(WorkflowExecutionHistory.fromJson(json));
    }

    private static void replay(WorkflowExecutionHistory history) throws Exception {
        try (TestWorkflowEnvironment replayer = sealedEnvironment()) {
            WorkflowReplayer.replayWorkflowExecution(history, replayer, BatchWorkflowImpl.class);
        }
    }

    private String golden(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("golden history %s present", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

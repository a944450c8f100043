package io.rcmos.server.platform;

import com.google.protobuf.util.JsonFormat;
import io.rcmos.server.runs.RunWorkflow;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Temporal stores of a run, read raw from the Temporal service: with the payload codec, no PHI of the run and
 * no free text (reasons, failure messages, stack traces) appears in its history — in the proto bytes nor in their
 * JSON form — while the run works and the sealed texts are still there for the workers to read.
 */
class TemporalHistoryIT extends IntegrationTest {

    @Autowired
    WorkflowServiceStubs service;

    @Autowired
    DataConverter dataConverter;

    @Autowired
    TemporalProperties temporal;

    @AfterEach
    void defaultFlags() {
        resetFlags("87726");
    }

    private History history(String runId) {
        return service.blockingStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(temporal.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(RunWorkflow.workflowId(UUID.fromString(runId))))
                .build()).getHistory();
    }

    /** The history as Temporal holds it: the raw proto bytes (payload data unencoded there) and its JSON form. */
    private static String stored(History history) throws Exception {
        return history.toByteString().toString(StandardCharsets.ISO_8859_1) + "\n" + JsonFormat.printer().print(history);
    }

    @Test
    void aRunWithATransientFaultLeavesNoPhiOrFreeTextInItsHistory() throws Exception {
        Runs runs = runs();
        String member = "FAULT503" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String runId = runs.submit(Runs.eligibility("87726", "clearinghouse", member, "Evangelina", "Quixote", "1961-07-23"));
        JsonNode run = runs.awaitStatus(runId, "succeeded");
        assertThat(runs.timeline(run)).anyMatch(t -> t.startsWith("run.attempt.failed") && t.contains("HTTP 503"));

        History history = history(runId);
        String stored = stored(history);
        assertThat(stored).doesNotContain(member).doesNotContain("Evangelina").doesNotContain("Quixote")
                .doesNotContain("1961-07-23").doesNotContain("19610723")
                .doesNotContain("HTTP 503").doesNotContain("clearinghouse_unavailable").doesNotContain("first choice")
                .doesNotContain("io.rcmos").doesNotContain("java.lang").doesNotContain("\tat ");

        // clearinghouse attempts are local activities: Temporal's retry of the attempt happens inside the workflow task,
        // recorded as a (sealed) local-activity marker, and the run's timeline shows the second try of attempt 1
        assertThat(runs.timeline(run)).as("Temporal retried the attempt")
                .anyMatch(t -> t.startsWith("run.attempted") && t.contains("attempt=1") && t.contains("try=2"));
        assertThat(history.getEventsList()).anySatisfy(e -> {
            assertThat(e.getEventType()).isEqualTo(EventType.EVENT_TYPE_MARKER_RECORDED);
            assertThat(e.getMarkerRecordedEventAttributes().getMarkerName()).isEqualTo("LocalActivity");
        });
        assertThat(history.getEventsList()).noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    }

    @Test
    void aFailingAttemptsMessageAndStackTraceAreSealed() throws Exception {
        withoutHumanFallback("87726");
        Runs runs = runs();
        String runId = runs.submit(Runs.eligibility("87726", "test", "BOOM" + UUID.randomUUID().toString().substring(0, 6),
                "Philippa", "Featherstonehaugh", "1977-03-14"));
        JsonNode run = runs.awaitStatus(runId, "failed");
        assertThat(run.get("error").get("code").asString()).isEqualTo("no_channel_answered");

        History history = history(runId);
        String stored = stored(history);
        assertThat(stored).doesNotContain("Philippa").doesNotContain("Featherstonehaugh").doesNotContain("1977-03-14")
                .doesNotContain("channel exploded").doesNotContain("kept failing").doesNotContain("io.rcmos")
                .doesNotContain("\tat ").doesNotContain(".java:");
        // the failure is there, sealed: the workers (and only they, with the key) read its message back
        HistoryEvent failed = history.getEventsList().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED).findFirst().orElseThrow();
        var failure = failed.getActivityTaskFailedEventAttributes().getFailure();
        assertThat(failure.getMessage()).isNotEqualTo("channel exploded");
        assertThat(failure.getStackTrace()).isEmpty();
        assertThat(((ApplicationFailure) dataConverter.failureToException(failure)).getOriginalMessage()).isEqualTo("channel exploded");
    }

    @Test
    void aRefusedRunLeavesNoReasonInItsHistory() throws Exception {
        withoutHumanFallback("87726");
        Runs runs = runs();
        String runId = runs.submit(Runs.eligibility("87726", "clearinghouse", "RCMNOTFOUND01", "Bartholomew", "Ozymandias", "1944-02-29"));
        JsonNode run = runs.awaitStatus(runId, "failed");
        assertThat(run.get("error").get("message").asString()).contains("Subscriber/Insured Not Found");

        String stored = stored(history(runId));
        assertThat(stored).doesNotContain("RCMNOTFOUND01").doesNotContain("Bartholomew").doesNotContain("Ozymandias")
                .doesNotContain("1944-02-29").doesNotContain("Subscriber/Insured").doesNotContain("Not Found")
                .doesNotContain("aaa_75").doesNotContain("refused the request");
        assertThat(stored).contains("binary/rcm-aes256gcm");
    }
}

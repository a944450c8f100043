package io.rcmos.server.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces carry run_id, payer and purpose from the HTTP request through the workflow to every activity; metrics
 * count runs; logs are JSON with run_id — and none of them carry the patient's data.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(ObservabilityIT.Spans.class)
@TestPropertySource(properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
class ObservabilityIT extends IntegrationTest {

    private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("run_id");
    private static final AttributeKey<String> PAYER = AttributeKey.stringKey("payer");
    private static final AttributeKey<String> PURPOSE = AttributeKey.stringKey("purpose");

    // Distinctive PHI: none of these strings may appear in logs, metrics or spans.
    private static final String FIRST = "Zebediah";
    private static final String LAST = "Quixotelmann";
    private static final String MEMBER = "QXZ98765432";
    private static final String DOB = "1961-07-19";

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    private static String body(String dob) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "test",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s", "date_of_birth": "%s"}}}"""
                .formatted(MEMBER, FIRST, LAST, dob);
    }

    @Test
    void spansLogsAndMetricsCarryIdsButNoPhi(CapturedOutput output) {
        var created = http(Role.OPERATOR).postJson("/runs", body(DOB));
        assertThat(created.status()).isEqualTo(201);
        String runId = created.json().get("run_id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "succeeded".equals(http(Role.OPERATOR).get("/runs/" + runId).json().get("status").asString()));
        // PHI-bearing mistakes must not leak either: a bad date, an unknown field echoing a name, malformed JSON
        http(Role.OPERATOR).postJson("/runs", body("1961-02-30"));
        http(Role.OPERATOR).postJson("/runs", body(DOB).replace("\"route\"", "\"" + LAST + "\": 1, \"route\""));
        http(Role.OPERATOR).postJson("/runs", "{\"purpose\": \"eligibility\", \"x\": \"" + MEMBER + "\"");
        http(Role.OPERATOR).postJson("/runs/" + runId + "/mfa", "{\"code\": \"" + MEMBER + "\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<SpanData> ofRun = spans.getFinishedSpanItems().stream().filter(s -> runId.equals(s.getAttributes().get(RUN_ID))).toList();
            Set<String> names = ofRun.stream().map(SpanData::getName).collect(Collectors.toSet());
            assertThat(names).as("span names of the run").anyMatch(n -> n.contains("RunWorkflow"))
                    .contains("http post /runs", "StartWorkflow:Run", "RunWorkflow:Run", "StartActivity:Attempt", "RunActivity:Attempt");
            // one trace from the HTTP request to the activities
            assertThat(ofRun.stream().filter(s -> !s.getName().startsWith("http get"))
                    .map(SpanData::getTraceId).collect(Collectors.toSet())).hasSize(1);
            assertThat(ofRun).filteredOn(s -> s.getName().startsWith("RunWorkflow") || s.getName().startsWith("RunActivity")
                            || s.getName().startsWith("StartWorkflow") || s.getName().startsWith("http"))
                    .allSatisfy(s -> {
                        assertThat(s.getAttributes().get(PAYER)).isEqualTo("87726");
                        assertThat(s.getAttributes().get(PURPOSE)).isEqualTo("eligibility");
                    });
        });
        String allSpans = spans.getFinishedSpanItems().stream().map(s -> s.getName() + s.getAttributes() + s.getEvents())
                .collect(Collectors.joining("\n"));
        assertThat(allSpans).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain(MEMBER).doesNotContain(DOB);

        String metrics = http(Role.VIEWER).get("/metrics").body();
        assertThat(metrics).contains("rcm_runs_total{").contains("outcome=\"succeeded\"").contains("payer=\"87726\"")
                .contains("route=\"test\"").contains("rcm_run_duration_seconds_bucket");
        assertThat(metrics).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain(MEMBER).doesNotContain(DOB);

        String logs = output.getAll();
        assertThat(logs).contains("\"run_id\":\"" + runId + "\"");
        assertThat(logs).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain(MEMBER).doesNotContain(DOB)
                .doesNotContain("19610719");
    }

    @Test
    void portalRunsTraceEveryStepUnderTheActivityWithoutPhi(CapturedOutput output) {
        String member = "SIM77777770";
        var created = http(Role.OPERATOR).postJson("/runs", body(DOB).replace("\"test\"", "\"portal\"").replace(MEMBER, member));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = created.json().get("run_id").asString();
        await().atMost(Duration.ofSeconds(90)).until(() ->
                "succeeded".equals(http(Role.OPERATOR).get("/runs/" + runId).json().get("status").asString()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<SpanData> ofRun = spans.getFinishedSpanItems().stream().filter(s -> runId.equals(s.getAttributes().get(RUN_ID))).toList();
            assertThat(ofRun).extracting(SpanData::getName).contains("flow.run", "flow.step navigate", "flow.step fill", "flow.step extract");
            SpanData attempt = ofRun.stream().filter(s -> s.getName().equals("RunActivity:Attempt")).findFirst().orElseThrow();
            SpanData flowRun = ofRun.stream().filter(s -> s.getName().equals("flow.run")).findFirst().orElseThrow();
            assertThat(flowRun.getTraceId()).as("browser steps are in the run's trace").isEqualTo(attempt.getTraceId());
            assertThat(ofRun).filteredOn(s -> s.getName().startsWith("flow.step"))
                    .allSatisfy(s -> assertThat(s.getAttributes().get(AttributeKey.stringKey("step.path"))).startsWith("steps["));
        });
        String allSpans = spans.getFinishedSpanItems().stream().map(s -> s.getName() + s.getAttributes() + s.getEvents())
                .collect(Collectors.joining("\n"));
        assertThat(allSpans).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain(member).doesNotContain(DOB).doesNotContain("07/19/1961");
        assertThat(output.getAll()).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain(member).doesNotContain("07/19/1961");
    }
}

package io.rcmos.server.batches;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Concurrently;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.TestChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /batches/{id}/rerun-failed} (issue 15): asking again on purpose. A finished batch's failed rows become a
 * new batch linked to it, whose runs are deliberate reruns of the failed runs; a double-click makes one batch; a
 * batch still running, one without failed rows, or an unknown one is refused.
 */
class BatchRerunFailedIT extends IntegrationTest {

    private static final String PAYER = "RERUNB1";
    private static final String HEADER = "Member ID,First Name,Last Name,DOB,NPI,Practice\r\n";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void defaultFlags() {
        resetFlags(PAYER);
    }

    private static String row(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + ",Ann,Lee,1990-01-01,1999999984,Sunrise Clinic\r\n";
    }

    private String upload(String csv) {
        Http operator = http(Role.OPERATOR);
        Http.Response created = operator.send(operator.builder("/batches?purpose=eligibility&payer_id=" + PAYER + "&route=test")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("batch_id").asString();
    }

    private JsonNode awaitFinished(String batchId) {
        Http viewer = http(Role.VIEWER);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> !viewer.get("/batches/" + batchId).json().get("finished_at").isNull());
        return viewer.get("/batches/" + batchId).json();
    }

    /** Row number → run id, of the rows with the given outcome. */
    private Map<Long, String> runsByRow(String batchId, String outcome) {
        Map<Long, String> out = new HashMap<>();
        for (JsonNode line : http(Role.OPERATOR).get("/batches/" + batchId + "/results?format=json").json()) {
            if (outcome.equals(line.get("outcome").asString())) {
                out.put(line.get("row").asLong(), line.get("run_id").asString());
            }
        }
        return out;
    }

    @Test
    void theFailedRowsOfAFinishedBatchBecomeANewLinkedBatchOfRerunsAndADoubleClickMakesOne() throws Exception {
        withoutHumanFallback(PAYER);
        String original = upload(HEADER + row("OK") + row("REJECT") + row("OK") + row("REJECT") + row("OK"));
        JsonNode done = awaitFinished(original);
        assertThat(done.get("counts").get("failed").asLong()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("rerun_of").isNull()).isTrue();
        Map<Long, String> failed = runsByRow(original, "failed");
        assertThat(failed.keySet()).containsExactlyInAnyOrder(2L, 4L);

        // a double-click: one batch, the other answers name it
        List<Http.Response> answers = Concurrently.call(3, () -> http(Role.OPERATOR).postJson("/batches/" + original + "/rerun-failed", ""));
        assertThat(answers).extracting(Http.Response::status).as(answers.get(0).body()).containsExactlyInAnyOrder(201, 200, 200);
        assertThat(answers.stream().map(a -> a.json().get("batch_id").asString()).distinct()).hasSize(1);
        JsonNode made = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().json();
        String rerun = made.get("batch_id").asString();
        assertThat(rerun).isNotEqualTo(original);
        assertThat(made.get("rerun_of").asString()).isEqualTo(original);
        assertThat(made.get("created").asBoolean()).isTrue();
        assertThat(made.get("rows").asLong()).isEqualTo(2);
        assertThat(made.get("batch").get("rerun_of").asString()).isEqualTo(original);
        assertThat(answers.stream().filter(a -> a.status() == 200).map(a -> a.json().get("created").asBoolean())).containsOnly(false);
        assertThat(jdbc.sql("select count(*) from batches where rerun_of = ?::uuid").param(original).query(Long.class).single()).isEqualTo(1);

        JsonNode second = awaitFinished(rerun);
        assertThat(second.get("rerun_of").asString()).isEqualTo(original);
        assertThat(second.get("purpose").asString()).isEqualTo("eligibility");
        assertThat(second.get("payer_id").asString()).isEqualTo(PAYER);
        assertThat(second.get("route").asString()).isEqualTo("test");
        assertThat(second.get("counts").get("total").asLong()).isEqualTo(2);
        assertThat(second.get("counts").get("invalid").asLong()).isZero();
        assertThat(second.get("counts").get("failed").asLong()).as("the payer still refuses them").isEqualTo(2);
        assertThat(http(Role.VIEWER).get("/batches/" + original).json().get("reruns").valueStream().map(JsonNode::asString))
                .containsExactly(rerun);

        // exactly the failed rows, under their row numbers in the uploaded file, each run a rerun of the row's failed run
        JsonNode results = http(Role.OPERATOR).get("/batches/" + rerun + "/results?format=json").json();
        assertThat(results.size()).isEqualTo(2);
        for (JsonNode line : results) {
            long rowNumber = line.get("row").asLong();
            assertThat(failed).containsKey(rowNumber);
            assertThat(line.get("cells").get("Member ID").asString()).startsWith("REJECT");
            String runId = line.get("run_id").asString();
            String failedRun = failed.get(rowNumber);
            assertThat(runId).isNotEqualTo(failedRun);
            JsonNode run = runs().get(runId);
            assertThat(run.get("rerun_of").asString()).isEqualTo(failedRun);
            assertThat(run.get("batch_id").asString()).isEqualTo(rerun);
            assertThat(run.get("input")).isEqualTo(runs().get(failedRun).get("input"));
            String originalKey = jdbc.sql("select idempotency_key from runs where run_id = ?::uuid").param(failedRun).query(String.class).single();
            assertThat(jdbc.sql("select idempotency_key from runs where run_id = ?::uuid").param(runId).query(String.class).single())
                    .isEqualTo(originalKey + "/rerun-1");
            assertThat(runs().get(failedRun).get("reruns").valueStream().map(JsonNode::asString)).containsExactly(runId);
        }
        assertThat(jdbc.sql("select count(*) from runs where batch_id = ?::uuid").param(rerun).query(Long.class).single())
                .as("one run per row, even with the workflow's retries").isEqualTo(2);

        assertThat(jdbc.sql("select details from audit_log where action = 'batch.rerun_failed' and target_id = ?").param(rerun)
                .query(String.class).single()).contains("\"rerun_of\":\"" + original + "\"").contains("\"rows\":2");

        // after the double-click window, asking again is deliberate: another batch of the same rows, reruns rerun-2
        jdbc.sql("update batches set created_at = created_at - interval '10 seconds' where batch_id = ?::uuid").param(rerun).update();
        Http.Response again = http(Role.ADMIN).postJson("/batches/" + original + "/rerun-failed", "");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        String third = again.json().get("batch_id").asString();
        awaitFinished(third);
        for (JsonNode line : http(Role.OPERATOR).get("/batches/" + third + "/results?format=json").json()) {
            String key = jdbc.sql("select idempotency_key from runs where run_id = ?::uuid").param(line.get("run_id").asString())
                    .query(String.class).single();
            assertThat(key).endsWith("/rerun-2");
        }
    }

    @Test
    void aBatchStillRunningOrWithoutFailedRowsIsRefusedAndAnUnknownOneIsNotFound() {
        String batchId = upload(HEADER + row("OK") + row("MFA"));
        Http operator = http(Role.OPERATOR);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http(Role.VIEWER).get("/batches/" + batchId).json().get("counts").get("waiting_for_human").asLong() == 1);

        Http.Response running = operator.postJson("/batches/" + batchId + "/rerun-failed", "");
        assertThat(running.status()).as(running.body()).isEqualTo(409);
        assertThat(running.json().get("code").asString()).isEqualTo("batch_not_finished");

        String waiting = jdbc.sql("select run_id::text from batch_items where batch_id = ?::uuid and status = 'waiting_for_human'")
                .param(batchId).query(String.class).single();
        assertThat(operator.postJson("/runs/" + waiting + "/mfa", "{\"code\": \"" + TestChannel.VALID_CODE + "\"}").status()).isLessThan(300);
        JsonNode done = awaitFinished(batchId);
        assertThat(done.get("counts").get("succeeded").asLong()).isEqualTo(2);

        Http.Response nothing = operator.postJson("/batches/" + batchId + "/rerun-failed", "");
        assertThat(nothing.status()).as(nothing.body()).isEqualTo(409);
        assertThat(nothing.json().get("code").asString()).isEqualTo("no_failed_rows");
        assertThat(jdbc.sql("select count(*) from batches where rerun_of = ?::uuid").param(batchId).query(Long.class).single()).isZero();

        Http.Response unknown = operator.postJson("/batches/" + UUID.randomUUID() + "/rerun-failed", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("batch_not_found");
        assertThat(http(Role.VIEWER).postJson("/batches/" + batchId + "/rerun-failed", "").status()).isEqualTo(403);
        assertThat(http(Role.VIEWER).get("/openapi.json").json().get("paths").has("/batches/{id}/rerun-failed")).isTrue();
    }
}

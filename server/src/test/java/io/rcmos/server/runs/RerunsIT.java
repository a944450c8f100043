package io.rcmos.server.runs;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Concurrently;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.TestChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /runs/{id}/rerun}: a deliberate rerun is a new linked run, even on the same business day; a double-click is one. */
class RerunsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String finishedRun(String memberPrefix) {
        String runId = runs().submit(RunRequests.eligibility("test", memberPrefix + UUID.randomUUID().toString().substring(0, 8)));
        runs().awaitStatus(runId, "succeeded");
        return runId;
    }

    @Test
    void aRerunIsANewRunOfTheSameRequestLinkedToTheOriginalEvenOnTheSameBusinessDay() {
        String body = RunRequests.eligibility("test", "RR" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response first = http(Role.OPERATOR).postJson("/runs", body);
        String original = first.json().get("run_id").asString();
        String originalKey = first.json().get("idempotency_key").asString();
        runs().awaitStatus(original, "succeeded");

        Http.Response rerun = http(Role.OPERATOR).postJson("/runs/" + original + "/rerun", "");
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(201);
        JsonNode r = rerun.json();
        assertThat(r.get("created").asBoolean()).isTrue();
        assertThat(r.get("rerun_of").asString()).isEqualTo(original);
        assertThat(r.get("status").asString()).isEqualTo("queued");
        assertThat(r.get("idempotency_key").asString()).isEqualTo(originalKey + "/rerun-1");
        String rerunId = r.get("run_id").asString();
        assertThat(rerunId).isNotEqualTo(original);

        JsonNode again = runs().awaitStatus(rerunId, "succeeded");
        assertThat(again.get("rerun_of").asString()).isEqualTo(original);
        assertThat(again.get("business_date").asString()).isEqualTo(runs().get(original).get("business_date").asString());
        assertThat(again.get("input")).isEqualTo(runs().get(original).get("input"));
        assertThat(again.get("batch_id").isNull()).isTrue();
        assertThat(runs().timeline(again).get(0)).isEqualTo("run.created route=test rerun_of=" + original);
        JsonNode originalView = runs().get(original);
        assertThat(originalView.get("reruns").valueStream().map(JsonNode::asString)).containsExactly(rerunId);
        assertThat(originalView.get("rerun_of").isNull()).isTrue();
        assertThat(runs().timeline(originalView)).contains("run.rerun rerun=" + rerunId);
        assertThat(runs().events(rerunId, "run.created")).singleElement().asString().contains("\"rerun_of\": \"" + original + "\"");
        assertThat(jdbc.sql("select details from audit_log where action = 'run.created' and target_id = ?").param(rerunId)
                .query(String.class).single()).contains("\"rerun_of\":\"" + original + "\"");

        // the question itself is still answered once per business day: POST /runs returns the original
        Http.Response same = http(Role.OPERATOR).postJson("/runs", body);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("run_id").asString()).isEqualTo(original);
    }

    @Test
    void aDoubleClickMakesOneRerunAndALaterClickAnother() throws Exception {
        String original = finishedRun("DBL");
        List<Http.Response> answers = Concurrently.call(3, () -> http(Role.OPERATOR).postJson("/runs/" + original + "/rerun", ""));
        assertThat(answers).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 200, 200);
        assertThat(answers.stream().map(a -> a.json().get("run_id").asString()).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 200).map(a -> a.json().get("created").asBoolean())).containsOnly(false);
        String firstRerun = answers.get(0).json().get("run_id").asString();
        assertThat(jdbc.sql("select count(*) from runs where rerun_of = ?::uuid").param(original).query(Long.class).single()).isEqualTo(1);

        // a click after the double-click window is a deliberate second rerun
        jdbc.sql("update runs set created_at = created_at - interval '10 seconds' where run_id = ?::uuid").param(firstRerun).update();
        Http.Response later = http(Role.ADMIN).postJson("/runs/" + original + "/rerun", "");
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        assertThat(later.json().get("run_id").asString()).isNotEqualTo(firstRerun);
        assertThat(later.json().get("idempotency_key").asString()).endsWith("/rerun-2");
        runs().awaitStatus(later.json().get("run_id").asString(), "succeeded");
        assertThat(runs().get(original).get("reruns").size()).isEqualTo(2);
    }

    @Test
    void onlyAFinishedRunIsRerunAndBadIdsAreClear4xx() {
        String waiting = runs().submit(RunRequests.eligibility("test", "MFA" + UUID.randomUUID().toString().substring(0, 8)));
        runs().awaitStatus(waiting, "waiting_for_human");
        Http.Response busy = http(Role.OPERATOR).postJson("/runs/" + waiting + "/rerun", "");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("code").asString()).isEqualTo("run_not_finished");
        assertThat(busy.json().get("detail").asString()).contains("waiting_for_human");
        assertThat(http(Role.OPERATOR).postJson("/runs/" + waiting + "/mfa", "{\"code\": \"" + TestChannel.VALID_CODE + "\"}").status())
                .isEqualTo(202);

        Http.Response missing = http(Role.OPERATOR).postJson("/runs/" + UUID.randomUUID() + "/rerun", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("run_not_found");
        Http.Response malformed = http(Role.OPERATOR).postJson("/runs/not-a-run/rerun", "");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(http(Role.VIEWER).postJson("/runs/" + waiting + "/rerun", "").status()).isEqualTo(403);
        assertThat(http(Role.REVIEWER).postJson("/runs/" + waiting + "/rerun", "").status()).isEqualTo(403);
        runs().awaitStatus(waiting, "succeeded");
    }
}

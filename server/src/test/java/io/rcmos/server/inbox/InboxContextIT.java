package io.rcmos.server.inbox;

import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a task shows beyond itself: advice for its reason, the masked patient, and its run's status. */
class InboxContextIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String taskOf(String runId) {
        return jdbc.sql("select breakpoint_id::text from breakpoints where run_id = ?::uuid and status = 'open'")
                .param(runId).query(String.class).single();
    }

    @Test
    void aReviewTaskSaysWhatToDoAboutItsReasonAndWhoItIsAbout() {
        String member = "REJECT" + UUID.randomUUID().toString().substring(0, 4) + "7731";
        String runId = runs().submit(Runs.eligibility("87726", "test", member, "john", "Doe", "1980-01-31"));
        runs().awaitStatus(runId, "waiting_for_human");
        String taskId = taskOf(runId);
        Http reviewer = http(Role.REVIEWER);

        JsonNode task = reviewer.get("/inbox/" + taskId).json();
        assertThat(task.get("reason_code").asString()).isEqualTo("invalid_member_id");
        assertThat(task.get("advice").get("code").asString()).isEqualTo("invalid_member_id");
        assertThat(task.get("advice").get("check_fields").get(0).asString()).isEqualTo("input.subscriber.member_id");
        assertThat(task.get("subject").get("member_hint").asString()).isEqualTo("••••7731");
        assertThat(task.get("subject").get("name_initials").asString()).isEqualTo("J.D.");
        assertThat(task.get("run_status").asString()).isEqualTo("waiting_for_human");
        assertThat(task.toString()).doesNotContain(member).doesNotContain("Doe");

        JsonNode listed = reviewer.get("/inbox?run_id=" + runId).json().get("items").get(0);
        assertThat(listed.get("subject")).isEqualTo(task.get("subject"));
        assertThat(listed.get("advice").get("code").asString()).isEqualTo("invalid_member_id");
        assertThat(listed.get("run_status").asString()).isEqualTo("waiting_for_human");

        JsonNode resolved = reviewer.postJson("/inbox/" + taskId + "/resolve", "{\"action\": \"fail\"}").json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        runs().awaitStatus(runId, "failed");
        assertThat(reviewer.get("/inbox/" + taskId).json().get("run_status").asString()).isEqualTo("failed");
    }

    @Test
    void aTaskWithoutAReasonHasNoAdvice() {
        String runId = runs().submit(Runs.eligibility("87726", "test", "MFA" + UUID.randomUUID().toString().substring(0, 8), "Ann", "Lee", "1990-01-01"));
        runs().awaitStatus(runId, "waiting_for_human");
        JsonNode task = http(Role.OPERATOR).get("/inbox/" + taskOf(runId)).json();
        assertThat(task.get("type").asString()).isEqualTo("mfa");
        assertThat(task.get("reason_code").isNull()).isTrue();
        assertThat(task.get("advice").isNull()).isTrue();
        assertThat(task.get("subject").get("name_initials").asString()).isEqualTo("A.L.");
        http(Role.OPERATOR).postJson("/inbox/" + task.get("id").asString() + "/resolve", "{\"action\": \"fail\"}");
        runs().awaitStatus(runId, "failed");
    }
}

package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.channels.ChannelCall;
import io.rcmos.server.channels.ChannelOutcome;
import io.rcmos.server.channels.Inquiry;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.x12.model.EligibilityRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clearinghouse exchange journal's rules, one attempt at a time against the simulator: a journaled answer is
 * used again without a request; an exchange without an answer goes again under its control number; a refusal asking
 * for a retry, a settled exchange and a changed request each make a new exchange.
 */
class ExchangeJournalIT extends IntegrationTest {

    @Autowired
    ClearinghouseChannel channel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    record Row(long id, String controlNumber, String state, int sends) {
    }

    private List<Row> exchanges(UUID runId) {
        return jdbc.sql("select id, control_number, state, sends from clearinghouse_exchanges where run_id = ? order by id")
                .param(runId).query(Row.class).list();
    }

    private static String body(String member) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "clearinghouse",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "%s", "first_name": "Pat", "last_name": "Doe", "date_of_birth": "1980-01-31"},
                           "service_type_codes": ["30"]}}""".formatted(member);
    }

    private ChannelOutcome attempt(UUID runId, String member) {
        EligibilityRequest input = json.treeToValue(json.readTree(body(member)).get("input"), EligibilityRequest.class);
        return channel.execute(new ChannelCall(runId, "87726", Inquiry.of(input), 1, null));
    }

    @Test
    void aRetriedAttemptReusesTheAnswerOrItsControlNumberAndADeliberateOneAsksAnew() {
        String member = "SIM" + String.format("%07d", (int) (Math.random() * 10_000_000)).substring(0, 7) + "1";
        Http operator = http(Role.OPERATOR);
        Http.Response created = operator.postJson("/runs", body(member));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID runId = UUID.fromString(created.json().get("run_id").asString());
        await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(operator.get("/runs/" + runId).json().get("status").asString()));

        // the run's one request: journaled with its control number, answered, then settled when the run completed
        List<Row> rows = exchanges(runId);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).state()).isEqualTo("settled");
        assertThat(rows.get(0).sends()).isEqualTo(1);
        assertThat(STEDI.traffic().controlNumbers(member)).isEqualTo(Map.of(rows.get(0).controlNumber(), 1));

        // a new attempt (the run was settled) is a new exchange; answered but not yet acted on, it stays open
        assertThat(attempt(runId, member)).isInstanceOf(ChannelOutcome.Answered.class);
        rows = exchanges(runId);
        assertThat(rows).hasSize(2);
        Row open = rows.get(1);
        assertThat(open.state()).isEqualTo("answered");
        assertThat(STEDI.traffic().exchanges(member)).isEqualTo(2);

        // the same attempt again (a worker died after the answer): the journal answers, nothing is sent
        int before = STEDI.traffic().requests(member);
        assertThat(attempt(runId, member)).isInstanceOf(ChannelOutcome.Answered.class);
        assertThat(STEDI.traffic().requests(member)).isEqualTo(before);
        assertThat(exchanges(runId)).hasSize(2);

        // the answer never reached us (the process died while the request was out): sent again, same control number
        jdbc.sql("update clearinghouse_exchanges set state = 'sent', status = null, answer = null where id = ?").param(open.id()).update();
        assertThat(attempt(runId, member)).isInstanceOf(ChannelOutcome.Answered.class);
        assertThat(STEDI.traffic().requests(member)).isEqualTo(before + 1);
        assertThat(STEDI.traffic().controlNumbers(member)).containsEntry(open.controlNumber(), 2);
        assertThat(STEDI.traffic().exchanges(member)).isEqualTo(2);
        assertThat(exchanges(runId).get(1).sends()).isEqualTo(2);
        assertThat(exchanges(runId).get(1).state()).isEqualTo("answered");

        // settled (the run acted on it): the next attempt asks anew
        channel.settle(runId);
        assertThat(attempt(runId, member)).isInstanceOf(ChannelOutcome.Answered.class);
        assertThat(STEDI.traffic().exchanges(member)).isEqualTo(3);

        // a changed request (a correction) is a new exchange; a refusal asking for a retry closes it
        String faulty = "FAULT503" + member;
        assertThat(attempt(runId, faulty)).isInstanceOf(ChannelOutcome.Transient.class);
        rows = exchanges(runId);
        assertThat(rows.get(rows.size() - 2).state()).isEqualTo("settled");
        assertThat(rows.get(rows.size() - 1).state()).isEqualTo("failed");
        assertThat(attempt(runId, faulty)).isInstanceOf(ChannelOutcome.Answered.class);
        assertThat(STEDI.traffic().exchanges(faulty)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from clearinghouse_exchanges where run_id = ? and state in ('sent', 'answered')")
                .param(runId).query(Integer.class).single()).isEqualTo(1);
    }
}

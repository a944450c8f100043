package io.rcmos.sim;

import io.rcmos.sim.stedi.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests counted per control number: a repeat of one exchange (same control number, same request) is answered as
 * the first time and counted as a repeat; the same control number with another question is another exchange.
 * {@code GET /sim/requests} shows the counts to holders of the API key.
 */
class ExchangesTest {

    private static SimServer sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        sim = SimServer.start(SimServer.Config.defaults().withFaults(Faults.NONE));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> eligibility(String member, String controlNumber, String firstName) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/change/medicalnetwork/eligibility/v3"))
                .header("Content-Type", "application/json").header("Authorization", sim.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"controlNumber": "%s", "tradingPartnerServiceId": "87726", "provider": {"organizationName": "Clinic", "npi": "1999999984"},
                         "subscriber": {"memberId": "%s", "firstName": "%s", "lastName": "Lee", "dateOfBirth": "19800131"},
                         "encounter": {"serviceTypeCodes": ["30"]}}""".formatted(controlNumber, member, firstName))));
    }

    @Test
    void aRepeatedExchangeIsAnsweredAsTheFirstTimeAndCounted() throws Exception {
        HttpResponse<String> first = eligibility("SIM12345671", "000000101", "Ann");
        HttpResponse<String> again = eligibility("SIM12345671", "000000101", "Ann");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("controlNumber").asString()).isEqualTo("000000101");
        assertThat(again.body()).as("the same answer, ids included").isEqualTo(first.body());
        HttpResponse<String> other = eligibility("SIM12345671", "000000101", "Anne"); // another question, same number
        assertThat(other.body()).isNotEqualTo(first.body());
        eligibility("SIM12345671", "000000102", "Ann");

        assertThat(sim.traffic().requests("SIM12345671")).isEqualTo(4);
        assertThat(sim.traffic().controlNumbers("SIM12345671")).isEqualTo(Map.of("000000101", 3, "000000102", 1));
        assertThat(sim.traffic().exchanges("SIM12345671")).isEqualTo(2);
        assertThat(sim.traffic().repeats("SIM12345671")).isEqualTo(2);

        URI requests = URI.create("http://127.0.0.1:" + sim.port() + "/sim/requests");
        assertThat(send(HttpRequest.newBuilder(requests)).statusCode()).isEqualTo(401);
        HttpResponse<String> counts = send(HttpRequest.newBuilder(requests).header("Authorization", sim.apiKey()));
        assertThat(counts.statusCode()).isEqualTo(200);
        JsonNode member = JSON.readTree(counts.body()).path("members").path("SIM12345671");
        assertThat(member.path("requests").asInt()).isEqualTo(4);
        assertThat(member.path("exchanges").asInt()).isEqualTo(2);
        assertThat(member.path("repeats").asInt()).isEqualTo(2);
        assertThat(member.path("control_numbers").path("000000101").asInt()).isEqualTo(3);
    }
}
